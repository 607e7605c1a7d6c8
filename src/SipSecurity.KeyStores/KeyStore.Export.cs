using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities.Collections;
using SipSecurity.KeyStores.Internal;
using X509Certificate = Org.BouncyCastle.X509.X509Certificate;

namespace SipSecurity.KeyStores;

public sealed partial class KeyStore
{
    /// <summary>PBKDF2 iterations for an exported encrypted key: a file that may travel deserves more than the 2048 OpenSSL uses.</summary>
    internal const int ExportedKeyIterations = 100_000;

    /// <summary>
    /// <c>keytool -exportcert [-rfc]</c>: the entry's certificate, or its whole chain. PEM chains are consecutive
    /// CERTIFICATE blocks; a DER chain is a certs-only PKCS#7 (what <c>openssl pkcs7 -inform DER -print_certs</c> reads).
    /// </summary>
    /// <exception cref="KeyStoreException"><c>AliasNotFound</c>.</exception>
    public byte[] ExportCertificate(string alias, CertificateEncoding encoding = CertificateEncoding.Pem, bool includeChain = false)
    {
        RequireAlias(alias);
        X509Certificate[] chain = _backend.GetChain(alias);
        X509Certificate[] selected = includeChain ? chain : [chain[0]];
        if (encoding == CertificateEncoding.Pem)
        {
            return selected.SelectMany(c => PemText.Encode("CERTIFICATE", c.GetEncoded())).ToArray();
        }

        if (selected.Length == 1)
        {
            return selected[0].GetEncoded();
        }

        var generator = new CmsSignedDataGenerator();
        generator.AddCertificates(CollectionUtilities.CreateStore(selected));
        return generator.Generate(new CmsAbsentContent(), false).GetEncoded();
    }

    /// <summary>
    /// The seed's DumpPrivateKey program: the entry's private key as unencrypted PKCS#8 PEM ("PRIVATE KEY").
    /// The caller should warn, write it with <see cref="SecureFile.WriteAllBytes"/> and zero the returned array.
    /// </summary>
    /// <exception cref="KeyStoreException"><c>AliasNotFound</c>, <c>NotKeyEntry</c>, <c>WrongPassword</c>.</exception>
    public byte[] ExportPrivateKey(string alias, ReadOnlySpan<char> keyPassword)
    {
        AsymmetricKeyParameter key = GetPrivateKey(alias, keyPassword);
        byte[] der = PrivateKeyInfoFactory.CreatePrivateKeyInfo(key).GetEncoded();
        try
        {
            return PemText.Encode("PRIVATE KEY", der);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
        }
    }

    /// <summary>
    /// The entry's private key as encrypted PKCS#8 PEM ("ENCRYPTED PRIVATE KEY", PBES2 with PBKDF2-HMAC-SHA256 and
    /// AES-256-CBC), which <c>openssl pkey -passin</c> and .NET's ImportFromEncryptedPem read.
    /// </summary>
    /// <exception cref="KeyStoreException"><c>AliasNotFound</c>, <c>NotKeyEntry</c>, <c>WrongPassword</c>.</exception>
    public byte[] ExportPrivateKey(string alias, ReadOnlySpan<char> keyPassword, ReadOnlySpan<char> exportPassword)
    {
        if (exportPassword.IsEmpty)
        {
            throw new ArgumentException("An export password is required for an encrypted key.", nameof(exportPassword));
        }

        AsymmetricKeyParameter key = GetPrivateKey(alias, keyPassword);
        var random = new SecureRandom();
        using var password = new PasswordBuffer(exportPassword);
        EncryptedPrivateKeyInfo encrypted = EncryptedPrivateKeyInfoFactory.CreateEncryptedPrivateKeyInfo(
            NistObjectIdentifiers.IdAes256Cbc, PkcsObjectIdentifiers.IdHmacWithSha256, password.Chars,
            SecureRandom.GetNextBytes(random, 16), ExportedKeyIterations, random, key);
        return PemText.Encode("ENCRYPTED PRIVATE KEY", encrypted.GetEncoded());
    }
}
