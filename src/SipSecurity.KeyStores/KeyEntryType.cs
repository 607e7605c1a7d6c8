namespace SipSecurity.KeyStores;

/// <summary>The kind of a keystore entry, named as <c>keytool -list</c> names them.</summary>
public enum KeyEntryType
{
    /// <summary>A private key with its certificate chain.</summary>
    PrivateKey,

    /// <summary>A certificate trusted on its own (a truststore entry).</summary>
    TrustedCertificate,
}
