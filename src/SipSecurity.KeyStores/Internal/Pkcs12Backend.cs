using Org.BouncyCastle.Asn1.Misc;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.X509;

namespace SipSecurity.KeyStores.Internal;

/// <summary>
/// PKCS#12: read with BouncyCastle's <see cref="Pkcs12Store"/> (which decrypts keys with the store password, so the
/// key password plays no part, as in keytool), written by <see cref="Pkcs12Writer"/> with Java 17's modern defaults.
/// </summary>
internal sealed class Pkcs12Backend : IKeyStoreBackend
{
    private readonly List<Pkcs12Entry> _entries;

    private Pkcs12Backend(List<Pkcs12Entry> entries)
    {
        _entries = entries;
    }

    public KeyStoreType Type => KeyStoreType.Pkcs12;

    public IReadOnlyList<string> Aliases => _entries.Select(e => e.Alias).Order(StringComparer.OrdinalIgnoreCase).ToList();

    public static Pkcs12Backend CreateEmpty() => new([]);

    public static Pkcs12Backend Load(byte[] content, ReadOnlySpan<char> storePassword)
    {
        Pkcs12Store store = new Pkcs12StoreBuilder().Build();
        using (var password = new PasswordBuffer(storePassword))
        {
            try
            {
                store.Load(new MemoryStream(content, writable: false), password.Chars);
            }
            catch (IOException ex) when (ex.Message.Contains("MAC invalid", StringComparison.Ordinal))
            {
                throw new StoreLoadException(corrupt: false, ex);
            }
            catch (Exception ex) when (ex is IOException or ArgumentException or InvalidCastException or InvalidOperationException
                or Org.BouncyCastle.Crypto.InvalidCipherTextException or Org.BouncyCastle.Security.Certificates.CertificateException)
            {
                // A key bag that does not decrypt under a verified MAC is damage, not a password problem.
                throw new StoreLoadException(corrupt: true, ex);
            }
        }

        var entries = new List<Pkcs12Entry>();
        var chainCertificates = new HashSet<X509Certificate>();
        foreach (string alias in store.Aliases)
        {
            if (store.IsKeyEntry(alias))
            {
                X509Certificate[] chain = store.GetCertificateChain(alias)?.Select(c => c.Certificate).ToArray() ?? [];
                if (chain.Length == 0)
                {
                    // A key without its certificate is unusable for TLS and Java skips it too.
                    continue;
                }

                entries.Add(new Pkcs12Entry(alias, store.GetKey(alias).Key, chain));
                chainCertificates.UnionWith(chain);
            }
        }

        foreach (string alias in store.Aliases)
        {
            if (!store.IsKeyEntry(alias) && store.GetCertificate(alias) is { } certEntry)
            {
                // Like Java: a named certificate is a trusted entry when marked trusted, or when it is not just a CA of a key's chain.
                bool markedTrusted = certEntry[MiscObjectIdentifiers.id_oracle_pkcs12_trusted_key_usage] is not null;
                if (markedTrusted || !chainCertificates.Contains(certEntry.Certificate))
                {
                    entries.Add(new Pkcs12Entry(alias, null, [certEntry.Certificate]));
                }
            }
        }

        return new Pkcs12Backend(entries);
    }

    public bool Contains(string alias) => Find(alias) is not null;

    public bool IsKeyEntry(string alias) => Find(alias)?.Key is not null;

    public X509Certificate[] GetChain(string alias) => (X509Certificate[])Require(alias).Chain.Clone();

    public DateTime? GetCreationDate(string alias) => null;

    public AsymmetricKeyParameter GetKey(string alias, ReadOnlySpan<char> keyPassword) =>
        Require(alias).Key ?? throw new InvalidOperationException("Not a key entry.");

    public void SetKeyEntry(string alias, AsymmetricKeyParameter key, ReadOnlySpan<char> keyPassword, X509Certificate[] chain) =>
        Replace(new Pkcs12Entry(alias, key, (X509Certificate[])chain.Clone()));

    public void SetCertificateEntry(string alias, X509Certificate certificate) =>
        Replace(new Pkcs12Entry(alias, null, [certificate]));

    public void Delete(string alias) => _entries.RemoveAll(e => string.Equals(e.Alias, alias, StringComparison.OrdinalIgnoreCase));

    public void Save(Stream stream, ReadOnlySpan<char> storePassword) => Pkcs12Writer.Write(stream, _entries, storePassword);

    private void Replace(Pkcs12Entry entry)
    {
        int index = _entries.FindIndex(e => string.Equals(e.Alias, entry.Alias, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            _entries[index] = entry;
        }
        else
        {
            _entries.Add(entry);
        }
    }

    private Pkcs12Entry? Find(string alias) =>
        _entries.Find(e => string.Equals(e.Alias, alias, StringComparison.OrdinalIgnoreCase));

    private Pkcs12Entry Require(string alias) => Find(alias) ?? throw new KeyNotFoundException("No such alias.");
}
