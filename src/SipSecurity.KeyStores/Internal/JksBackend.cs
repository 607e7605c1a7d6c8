using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace SipSecurity.KeyStores.Internal;

/// <summary>
/// JKS through BouncyCastle's <see cref="JksStore"/>, which reads and writes Sun's format (magic 0xFEEDFEED, version 2,
/// SHA-1 "Mighty Aphrodite" integrity hash, SHA-1 XOR key protector); Java 17 keytool reads what it writes.
/// </summary>
internal sealed class JksBackend : IKeyStoreBackend
{
    private readonly JksStore _store;

    private JksBackend(JksStore store)
    {
        _store = store;
    }

    public KeyStoreType Type => KeyStoreType.Jks;

    public IReadOnlyList<string> Aliases => _store.Aliases.Order(StringComparer.OrdinalIgnoreCase).ToList();

    public static JksBackend CreateEmpty() => new(new JksStore());

    /// <summary>Loads a store; <see cref="StoreLoadException"/> tells a corrupt file from a wrong password.</summary>
    public static JksBackend Load(byte[] content, ReadOnlySpan<char> storePassword)
    {
        // Parse the structure first without the password so that a damaged file is not reported as a wrong password.
        try
        {
            new JksStore().LoadUnchecked(new MemoryStream(content, writable: false));
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or InvalidOperationException or Org.BouncyCastle.Security.Certificates.CertificateException)
        {
            throw new StoreLoadException(corrupt: true, ex);
        }

        var store = new JksStore();
        try
        {
            store.Load(new MemoryStream(content, writable: false), storePassword);
        }
        catch (IOException ex)
        {
            throw new StoreLoadException(corrupt: false, ex);
        }

        return new JksBackend(store);
    }

    public bool Contains(string alias) => _store.ContainsAlias(alias);

    public bool IsKeyEntry(string alias) => _store.IsKeyEntry(alias);

    public X509Certificate[] GetChain(string alias) =>
        _store.IsKeyEntry(alias) ? _store.GetCertificateChain(alias) : [_store.GetCertificate(alias)];

    public DateTime? GetCreationDate(string alias) => _store.GetCreationDate(alias);

    public AsymmetricKeyParameter GetKey(string alias, ReadOnlySpan<char> keyPassword)
    {
        try
        {
            return _store.GetKey(alias, keyPassword);
        }
        catch (IOException ex)
        {
            throw new InvalidKeyPasswordException("The key password does not decrypt the entry.", ex);
        }
    }

    public void SetKeyEntry(string alias, AsymmetricKeyParameter key, ReadOnlySpan<char> keyPassword, X509Certificate[] chain)
    {
        _store.DeleteEntry(alias);
        _store.SetKeyEntry(alias, key, keyPassword, chain);
    }

    public void SetCertificateEntry(string alias, X509Certificate certificate)
    {
        _store.DeleteEntry(alias);
        _store.SetCertificateEntry(alias, certificate);
    }

    public void Delete(string alias) => _store.DeleteEntry(alias);

    public void Save(Stream stream, ReadOnlySpan<char> storePassword) => _store.Save(stream, storePassword);
}
