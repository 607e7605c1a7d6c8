using Org.BouncyCastle.Crypto;
using SipSecurity.KeyStores.Internal;
using X509Certificate = Org.BouncyCastle.X509.X509Certificate;

namespace SipSecurity.KeyStores;

public sealed partial class KeyStore
{
    /// <summary>
    /// <c>keytool -importcert</c> into a truststore: each certificate in <paramref name="certificates"/> (PEM, DER or
    /// PKCS#7; one or a chain) becomes a TrustedCertificate entry. The first gets <paramref name="alias"/>, the
    /// following ones <c>alias-1</c>, <c>alias-2</c>, ...
    /// </summary>
    /// <param name="alias">Alias of the first certificate.</param>
    /// <param name="certificates">The certificate file's content.</param>
    /// <param name="sourceName">The file name, for error messages.</param>
    /// <param name="overwrite">Replace existing entries with these aliases.</param>
    /// <param name="allowExpired">Accept certificates outside their validity period.</param>
    /// <exception cref="KeyStoreException"><c>InvalidInput</c>, <c>AliasExists</c>, <c>CertificateExpired</c>.</exception>
    public IReadOnlyList<KeyStoreEntryInfo> ImportTrustedCertificates(
        string alias, ReadOnlySpan<byte> certificates, string? sourceName = null, bool overwrite = false, bool allowExpired = false)
    {
        List<X509Certificate> parsed = CertificateReader.ReadAll(certificates, sourceName);
        string[] aliases = parsed.Select((_, i) => i == 0 ? alias : $"{alias}-{i}").ToArray();
        for (int i = 0; i < parsed.Count; i++)
        {
            RequireNewAlias(aliases[i], overwrite);
            RequireCurrent(parsed[i], aliases[i], allowExpired, sourceName);
        }

        for (int i = 0; i < parsed.Count; i++)
        {
            _backend.SetCertificateEntry(aliases[i], parsed[i]);
        }

        return aliases.Select(Describe).ToList();
    }

    /// <summary>
    /// <c>openssl pkcs12 -export -inkey key.pem -in cert.pem</c>: adds a PrivateKey entry from a PEM private key
    /// (PKCS#1, SEC1 or PKCS#8, plain or encrypted) and its certificate or chain (PEM, DER or PKCS#7; leaf found by key).
    /// </summary>
    /// <param name="alias">The new entry's alias.</param>
    /// <param name="privateKeyPem">The PEM private key file's content.</param>
    /// <param name="privateKeyPassword">Password of an encrypted PEM key; empty for a plain key.</param>
    /// <param name="certificates">The certificate (chain) file's content.</param>
    /// <param name="keyPassword">JKS: protects the key in the store. PKCS#12: ignored.</param>
    /// <param name="overwrite">Replace an existing entry with this alias.</param>
    /// <param name="allowExpired">Accept an expired certificate.</param>
    /// <param name="sourceName">Names the input files in error messages, e.g. "myprivate.key + mycertificate.pem".</param>
    /// <exception cref="KeyStoreException"><c>InvalidInput</c>, <c>WrongPassword</c>, <c>KeyCertificateMismatch</c>, <c>CertificateExpired</c>, <c>InvalidChain</c>, <c>AliasExists</c>.</exception>
    public KeyStoreEntryInfo ImportKeyPair(
        string alias,
        ReadOnlySpan<byte> privateKeyPem,
        ReadOnlySpan<char> privateKeyPassword,
        ReadOnlySpan<byte> certificates,
        ReadOnlySpan<char> keyPassword,
        bool overwrite = false,
        bool allowExpired = false,
        string? sourceName = null)
    {
        RequireNewAlias(alias, overwrite);
        AsymmetricKeyParameter key = PrivateKeyReader.Read(privateKeyPem, privateKeyPassword, sourceName);
        List<X509Certificate> parsed = CertificateReader.ReadAll(certificates, sourceName);
        X509Certificate[] chain = ChainForKey(alias, key, parsed, sourceName, allowExpired);
        _backend.SetKeyEntry(alias, key, keyPassword, chain);
        return Describe(alias);
    }

    /// <summary>
    /// <c>keytool -importkeystore</c>: copies all entries of <paramref name="source"/>, or only <paramref name="alias"/>,
    /// into this store (JKS and PKCS#12 in either direction). Call <see cref="Save"/> to persist.
    /// </summary>
    /// <param name="source">The opened source store.</param>
    /// <param name="sourceKeyPassword">JKS source: the key password (usually the source store password). PKCS#12: ignored.</param>
    /// <param name="destinationKeyPassword">JKS destination: protects copied keys. PKCS#12: ignored.</param>
    /// <param name="alias">Copy only this entry; all when null.</param>
    /// <param name="destinationAlias">New alias for a single copied entry.</param>
    /// <param name="overwrite">Replace entries that exist in this store.</param>
    /// <returns>The copied entries as they are in this store.</returns>
    /// <exception cref="KeyStoreException"><c>AliasNotFound</c>, <c>AliasExists</c>, <c>WrongPassword</c>.</exception>
    public IReadOnlyList<KeyStoreEntryInfo> ImportEntries(
        KeyStore source,
        ReadOnlySpan<char> sourceKeyPassword,
        ReadOnlySpan<char> destinationKeyPassword,
        string? alias = null,
        string? destinationAlias = null,
        bool overwrite = false)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (alias is not null)
        {
            source.RequireAlias(alias);
        }

        IReadOnlyList<string> sourceAliases = alias is null ? source.Aliases : [source.CanonicalAlias(alias)];
        var targets = sourceAliases.ToDictionary(a => a, a => alias is not null && destinationAlias is not null ? destinationAlias : a);
        foreach (string target in targets.Values)
        {
            RequireNewAlias(target, overwrite);
        }

        // Decrypt everything first, so a wrong key password changes nothing in this store.
        var keys = new Dictionary<string, AsymmetricKeyParameter>();
        foreach (string a in sourceAliases.Where(a => source._backend.IsKeyEntry(a)))
        {
            keys[a] = source.GetPrivateKey(a, sourceKeyPassword);
        }

        foreach (string a in sourceAliases)
        {
            X509Certificate[] chain = source._backend.GetChain(a);
            if (keys.TryGetValue(a, out AsymmetricKeyParameter? key))
            {
                _backend.SetKeyEntry(targets[a], key, destinationKeyPassword, chain);
            }
            else
            {
                _backend.SetCertificateEntry(targets[a], chain[0]);
            }
        }

        return targets.Values.Select(Describe).ToList();
    }

    /// <summary>Finds the certificate of <paramref name="key"/> among <paramref name="certificates"/> and orders its chain.</summary>
    private X509Certificate[] ChainForKey(string alias, AsymmetricKeyParameter key, List<X509Certificate> certificates, string? sourceName, bool allowExpired)
    {
        X509Certificate? leaf = certificates.Find(c => KeyMatcher.Matches(key, c.GetPublicKey()));
        if (leaf is null)
        {
            string from = sourceName is null ? "the supplied certificate(s)" : $"'{sourceName}'";
            throw new KeyStoreException(KeyStoreErrorIds.KeyCertificateMismatch,
                $"No certificate in {from} matches the private key of entry '{alias}' in '{Path}'.", Path, alias);
        }

        RequireCurrent(leaf, alias, allowExpired, sourceName);
        IEnumerable<X509Certificate> trusted = _backend.Aliases.Where(a => !_backend.IsKeyEntry(a)).Select(a => _backend.GetChain(a)[0]);
        try
        {
            return ChainBuilder.Build(leaf, certificates.Concat(trusted));
        }
        catch (ChainException ex)
        {
            throw new KeyStoreException(KeyStoreErrorIds.InvalidChain, $"{ex.Message} (entry '{alias}' in '{Path}')", Path, alias, ex);
        }
    }
}
