namespace SipSecurity.KeyStores;

/// <summary>Stable identifiers carried by <see cref="KeyStoreException.ErrorId"/>; cmdlets surface them as error ids.</summary>
public static class KeyStoreErrorIds
{
    /// <summary>The store or key password does not open the store or entry.</summary>
    public const string WrongPassword = nameof(WrongPassword);

    /// <summary>The file is empty, truncated or not a keystore at all.</summary>
    public const string CorruptStore = nameof(CorruptStore);

    /// <summary>The requested store type does not match the file's content.</summary>
    public const string StoreTypeMismatch = nameof(StoreTypeMismatch);

    /// <summary>A private key and a certificate do not belong together.</summary>
    public const string KeyCertificateMismatch = nameof(KeyCertificateMismatch);

    /// <summary>No entry has the given alias.</summary>
    public const string AliasNotFound = nameof(AliasNotFound);

    /// <summary>An entry with the given alias exists already.</summary>
    public const string AliasExists = nameof(AliasExists);

    /// <summary>A certificate is outside its validity period.</summary>
    public const string CertificateExpired = nameof(CertificateExpired);

    /// <summary>The operation needs a private-key entry but the alias names a trusted certificate.</summary>
    public const string NotKeyEntry = nameof(NotKeyEntry);

    /// <summary>Certificate, key or request input could not be parsed.</summary>
    public const string InvalidInput = nameof(InvalidInput);

    /// <summary>A certificate chain is not linked issuer to subject with valid signatures.</summary>
    public const string InvalidChain = nameof(InvalidChain);

    /// <summary>A key algorithm or size is not offered, or is too weak without the explicit weak-key flag.</summary>
    public const string UnsupportedAlgorithm = nameof(UnsupportedAlgorithm);

    /// <summary>The keystore file does not exist.</summary>
    public const string StoreNotFound = nameof(StoreNotFound);

    /// <summary>A new keystore was asked for but the file exists.</summary>
    public const string StoreExists = nameof(StoreExists);

    /// <summary>The store file could not be read or written.</summary>
    public const string IoError = nameof(IoError);
}
