namespace SipSecurity.KeyStores;

/// <summary>Encoding of an exported certificate file.</summary>
public enum CertificateEncoding
{
    /// <summary>Base64 between <c>-----BEGIN CERTIFICATE-----</c> lines, like <c>keytool -exportcert -rfc</c>.</summary>
    Pem,

    /// <summary>Binary DER; a chain is written as a certs-only PKCS#7 structure.</summary>
    Der,
}
