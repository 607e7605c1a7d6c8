using Org.BouncyCastle.Crypto;
using SipSecurity.KeyStores.Internal;
using X509Certificate = Org.BouncyCastle.X509.X509Certificate;

namespace SipSecurity.KeyStores;

/// <summary>
/// A JKS or PKCS#12 keystore file held in memory: open or create it, change it with the operations of keytool and
/// openssl, then <see cref="Save"/> it atomically. Aliases compare case-insensitively (JKS stores them lowercase).
/// For PKCS#12 the store password protects the keys, so key-password arguments are ignored, as keytool does.
/// For JKS, pass the store password as key password when there is no separate one (keytool's default).
/// Not thread-safe.
/// </summary>
public sealed partial class KeyStore
{
    private readonly IKeyStoreBackend _backend;

    private KeyStore(string path, IKeyStoreBackend backend, bool exists)
    {
        Path = path;
        _backend = backend;
        Exists = exists;
    }

    /// <summary>The file this store was read from and is saved to.</summary>
    public string Path { get; }

    /// <summary>The store's format, detected from the content when opened.</summary>
    public KeyStoreType Type => _backend.Type;

    /// <summary>False for a new store that has not been saved yet.</summary>
    public bool Exists { get; private set; }

    /// <summary>The aliases, sorted case-insensitively.</summary>
    public IReadOnlyList<string> Aliases => _backend.Aliases;

    /// <summary>Opens an existing keystore, detecting its type from the content.</summary>
    /// <param name="path">The keystore file.</param>
    /// <param name="storePassword">The store password (integrity check, and PKCS#12 key decryption).</param>
    /// <param name="expectedType">When set, the content must be of this type, else <c>StoreTypeMismatch</c>.</param>
    /// <exception cref="KeyStoreException"><c>StoreNotFound</c>, <c>CorruptStore</c>, <c>StoreTypeMismatch</c>, <c>WrongPassword</c>, <c>IoError</c>.</exception>
    public static KeyStore Open(string path, ReadOnlySpan<char> storePassword, KeyStoreType? expectedType = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] content = ReadFile(path);
        KeyStoreType type = DetectType(content, path);
        if (expectedType is { } expected && expected != type)
        {
            throw new KeyStoreException(KeyStoreErrorIds.StoreTypeMismatch,
                $"The keystore '{path}' is {Describe(type)}, not {Describe(expected)}.", path);
        }

        try
        {
            IKeyStoreBackend backend = type == KeyStoreType.Jks
                ? JksBackend.Load(content, storePassword)
                : Pkcs12Backend.Load(content, storePassword);
            return new KeyStore(path, backend, exists: true);
        }
        catch (StoreLoadException ex) when (ex.Corrupt)
        {
            throw new KeyStoreException(KeyStoreErrorIds.CorruptStore, $"The keystore '{path}' is damaged or truncated and cannot be read.", path, null, ex);
        }
        catch (StoreLoadException ex)
        {
            throw new KeyStoreException(KeyStoreErrorIds.WrongPassword,
                $"The keystore '{path}' cannot be opened: the store password is wrong, or the file was modified.", path, null, ex);
        }
    }

    /// <summary>Opens the keystore if the file exists (its content must be <paramref name="type"/>), else starts a new empty one.</summary>
    /// <exception cref="KeyStoreException">As <see cref="Open"/>.</exception>
    public static KeyStore OpenOrCreate(string path, KeyStoreType type, ReadOnlySpan<char> storePassword) =>
        File.Exists(path) ? Open(path, storePassword, type) : CreateNew(path, type);

    /// <summary>Starts a new empty keystore that <see cref="Save"/> will write to <paramref name="path"/>.</summary>
    /// <exception cref="KeyStoreException"><c>StoreExists</c> when the file exists.</exception>
    public static KeyStore CreateNew(string path, KeyStoreType type)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (File.Exists(path))
        {
            throw new KeyStoreException(KeyStoreErrorIds.StoreExists, $"The keystore '{path}' exists already.", path);
        }

        IKeyStoreBackend backend = type == KeyStoreType.Jks ? JksBackend.CreateEmpty() : Pkcs12Backend.CreateEmpty();
        return new KeyStore(path, backend, exists: false);
    }

    /// <summary>Detects the type of a keystore file from its content.</summary>
    /// <exception cref="KeyStoreException"><c>StoreNotFound</c>, <c>CorruptStore</c>.</exception>
    public static KeyStoreType DetectType(string path) => DetectType(ReadFile(path), path);

    /// <summary>True when an entry has this alias (case-insensitive).</summary>
    public bool ContainsAlias(string alias) => _backend.Contains(alias);

    /// <summary>Describes one entry.</summary>
    /// <exception cref="KeyStoreException"><c>AliasNotFound</c>.</exception>
    public KeyStoreEntryInfo GetEntry(string alias)
    {
        RequireAlias(alias);
        return Describe(alias);
    }

    /// <summary>Describes every entry, sorted by alias.</summary>
    public IReadOnlyList<KeyStoreEntryInfo> GetEntries() => _backend.Aliases.Select(Describe).ToList();

    /// <summary>Removes an entry (<c>keytool -delete</c>); call <see cref="Save"/> to persist.</summary>
    /// <exception cref="KeyStoreException"><c>AliasNotFound</c>.</exception>
    public void RemoveEntry(string alias)
    {
        RequireAlias(alias);
        _backend.Delete(alias);
    }

    /// <summary>
    /// Writes the store to <see cref="Path"/>: a temporary owner-only (0600) file in the same folder, then a rename
    /// over the original, so a failure leaves the original untouched.
    /// </summary>
    /// <exception cref="KeyStoreException"><c>IoError</c>.</exception>
    public void Save(ReadOnlySpan<char> storePassword)
    {
        if (storePassword.IsEmpty)
        {
            throw new ArgumentException("A store password is required.", nameof(storePassword));
        }

        using var buffer = new MemoryStream();
        _backend.Save(buffer, storePassword);
        SecureFile.WriteAllBytes(Path, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        Exists = true;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Path} ({Type}, {_backend.Aliases.Count} entries)";

    private static string Describe(KeyStoreType type) => type == KeyStoreType.Jks ? "a JKS keystore" : "a PKCS#12 keystore";

    private static byte[] ReadFile(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new KeyStoreException(KeyStoreErrorIds.StoreNotFound, $"The keystore '{path}' does not exist.", path, null, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new KeyStoreException(KeyStoreErrorIds.IoError, $"The keystore '{path}' cannot be read: {ex.Message}", path, null, ex);
        }
    }

    private static KeyStoreType DetectType(byte[] content, string path)
    {
        (KeyStoreType? type, string? problem) = StoreTypeDetector.Detect(content);
        return type ?? throw new KeyStoreException(KeyStoreErrorIds.CorruptStore, $"The file '{path}' is not a readable keystore: {problem}.", path);
    }

    private KeyStoreEntryInfo Describe(string alias) => EntryInfoFactory.Create(
        CanonicalAlias(alias),
        _backend.IsKeyEntry(alias) ? KeyEntryType.PrivateKey : KeyEntryType.TrustedCertificate,
        _backend.GetChain(alias),
        _backend.GetCreationDate(alias));

    private string CanonicalAlias(string alias) =>
        _backend.Aliases.FirstOrDefault(a => string.Equals(a, alias, StringComparison.OrdinalIgnoreCase)) ?? alias;

    private void RequireAlias(string alias)
    {
        ArgumentException.ThrowIfNullOrEmpty(alias);
        if (!_backend.Contains(alias))
        {
            throw new KeyStoreException(KeyStoreErrorIds.AliasNotFound, $"The keystore '{Path}' has no entry '{alias}'.", Path, alias);
        }
    }

    private void RequireNewAlias(string alias, bool overwrite)
    {
        ArgumentException.ThrowIfNullOrEmpty(alias);
        if (!overwrite && _backend.Contains(alias))
        {
            throw new KeyStoreException(KeyStoreErrorIds.AliasExists, $"The keystore '{Path}' already has an entry '{alias}'.", Path, alias);
        }
    }

    private void RequireKeyEntry(string alias)
    {
        RequireAlias(alias);
        if (!_backend.IsKeyEntry(alias))
        {
            throw new KeyStoreException(KeyStoreErrorIds.NotKeyEntry, $"The entry '{alias}' in '{Path}' is a trusted certificate, not a private key.", Path, alias);
        }
    }

    private AsymmetricKeyParameter GetPrivateKey(string alias, ReadOnlySpan<char> keyPassword)
    {
        RequireKeyEntry(alias);
        try
        {
            return _backend.GetKey(alias, keyPassword);
        }
        catch (InvalidKeyPasswordException ex)
        {
            throw new KeyStoreException(KeyStoreErrorIds.WrongPassword, $"The key password for entry '{alias}' in '{Path}' is wrong.", Path, alias, ex);
        }
    }

    private void RequireCurrent(X509Certificate certificate, string alias, bool allowExpired, string? sourceName)
    {
        if (allowExpired)
        {
            return;
        }

        DateTime now = DateTime.UtcNow;
        string where = sourceName is null ? string.Empty : $" from '{sourceName}'";
        if (certificate.NotAfter < now)
        {
            throw new KeyStoreException(KeyStoreErrorIds.CertificateExpired,
                $"The certificate '{EntryInfoFactory.FormatName(certificate.SubjectDN)}'{where} for entry '{alias}' in '{Path}' expired on {certificate.NotAfter:u}.", Path, alias);
        }

        if (certificate.NotBefore > now)
        {
            throw new KeyStoreException(KeyStoreErrorIds.CertificateExpired,
                $"The certificate '{EntryInfoFactory.FormatName(certificate.SubjectDN)}'{where} for entry '{alias}' in '{Path}' is not valid before {certificate.NotBefore:u}.", Path, alias);
        }
    }
}
