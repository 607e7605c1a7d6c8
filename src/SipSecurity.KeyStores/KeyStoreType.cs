namespace SipSecurity.KeyStores;

/// <summary>The file format of a keystore.</summary>
public enum KeyStoreType
{
    /// <summary>Java KeyStore (magic 0xFEEDFEED), what the seed's keytool commands make.</summary>
    Jks,

    /// <summary>PKCS#12 (RFC 7292), readable by Java, OpenSSL, browsers and .NET.</summary>
    Pkcs12,
}
