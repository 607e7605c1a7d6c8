namespace SipSecurity.Server.Configuration;

/// <summary>The TLS passwords the store keeps apart from <see cref="SipTlsConfiguration"/> (javax.net.ssl.*Password).</summary>
public enum SipTlsSecret
{
    /// <summary>Opens the keystore; for JKS it is also the key entry's password, as keytool makes it by default.</summary>
    KeyStorePassword,

    /// <summary>Opens a truststore other than the keystore.</summary>
    TrustStorePassword,
}
