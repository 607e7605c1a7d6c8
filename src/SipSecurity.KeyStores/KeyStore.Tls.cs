using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Pkcs;
using X509Certificate = Org.BouncyCastle.X509.X509Certificate;

namespace SipSecurity.KeyStores;

/// <summary>Hands the store's entries to .NET's TLS stack (SslStream).</summary>
public sealed partial class KeyStore
{
    /// <summary>
    /// A key entry as .NET certificates: the leaf with its private key, and the rest of its chain (for the TLS
    /// Certificate message). The key never exists as an unprotected file; its DER copy is zeroed.
    /// </summary>
    /// <exception cref="KeyStoreException"><c>AliasNotFound</c>, <c>NotKeyEntry</c>, <c>WrongPassword</c>.</exception>
    public X509Certificate2 GetCertificateWithPrivateKey(string alias, ReadOnlySpan<char> keyPassword, out X509Certificate2Collection intermediates)
    {
        RequireAlias(alias);
        AsymmetricKeyParameter key = GetPrivateKey(alias, keyPassword);
        X509Certificate[] chain = _backend.GetChain(alias);
        intermediates = [];
        foreach (var certificate in chain.Skip(1))
        {
            intermediates.Add(X509CertificateLoader.LoadCertificate(certificate.GetEncoded()));
        }

        using var leaf = X509CertificateLoader.LoadCertificate(chain[0].GetEncoded());
        byte[] der = PrivateKeyInfoFactory.CreatePrivateKeyInfo(key).GetEncoded();
        try
        {
            X509Certificate2 withKey;
            if (key is Org.BouncyCastle.Crypto.Parameters.RsaPrivateCrtKeyParameters)
            {
                using var rsa = RSA.Create();
                rsa.ImportPkcs8PrivateKey(der, out _);
                withKey = leaf.CopyWithPrivateKey(rsa);
            }
            else
            {
                using var ec = ECDsa.Create();
                ec.ImportPkcs8PrivateKey(der, out _);
                withKey = leaf.CopyWithPrivateKey(ec);
            }

            if (!OperatingSystem.IsWindows())
            {
                return withKey;
            }

            // Windows' TLS (SChannel) cannot use an ephemeral key: round-trip through PKCS#12 to persist it for this process.
            using (withKey)
            {
                return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
        }
    }

    /// <summary>
    /// Every certificate the store holds, trusted entries and the first certificate of key entries, as a truststore
    /// (what Java's TrustManagerFactory takes from a keystore).
    /// </summary>
    public X509Certificate2Collection GetTrustedCertificates()
    {
        var certificates = new X509Certificate2Collection();
        foreach (var alias in _backend.Aliases)
        {
            var chain = _backend.GetChain(alias);
            if (chain.Length > 0)
            {
                certificates.Add(X509CertificateLoader.LoadCertificate(chain[0].GetEncoded()));
            }
        }

        return certificates;
    }
}
