using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Misc;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using ContentInfo = Org.BouncyCastle.Asn1.Pkcs.ContentInfo;

namespace SipSecurity.KeyStores.Internal;

/// <summary>
/// Writes PKCS#12 the way Java 17 keytool does by default: keys and certificates under PBES2 (PBKDF2-HMAC-SHA256,
/// AES-256-CBC, 10000 iterations) and an HMAC-SHA256 integrity MAC. BouncyCastle's own writer is not used because it
/// fixes 1024 iterations and a SHA-1 MAC. Java and OpenSSL 3 both read this layout.
/// </summary>
internal static class Pkcs12Writer
{
    internal const int Iterations = 10_000;
    private const int SaltSize = 16;
    private const int MacSaltSize = 20;

    // Java's PKCS12KeyStore only lists a certificate bag as a trusted entry when it carries this attribute.
    private static readonly DerObjectIdentifier s_trustedKeyUsage = MiscObjectIdentifiers.id_oracle_pkcs12_trusted_key_usage;

    public static void Write(Stream stream, IReadOnlyList<Pkcs12Entry> entries, ReadOnlySpan<char> storePassword)
    {
        var random = new SecureRandom();
        using var password = new PasswordBuffer(storePassword);

        var keyBags = new Asn1EncodableVector();
        var certBags = new Asn1EncodableVector();
        var written = new HashSet<X509Certificate>();
        foreach (Pkcs12Entry entry in entries)
        {
            if (entry.Key is null)
            {
                certBags.Add(CertificateBag(entry.Chain[0], friendlyName: entry.Alias, localKeyId: null, trusted: true));
                continue;
            }

            // Any octets link key and certificate; a hash of the certificate is unique and stable.
            byte[] localKeyId = SHA256.HashData(entry.Chain[0].GetEncoded());
            EncryptedPrivateKeyInfo encryptedKey = EncryptedPrivateKeyInfoFactory.CreateEncryptedPrivateKeyInfo(
                NistObjectIdentifiers.IdAes256Cbc, PkcsObjectIdentifiers.IdHmacWithSha256, password.Chars,
                SecureRandom.GetNextBytes(random, SaltSize), Iterations, random, entry.Key);
            keyBags.Add(new SafeBag(PkcsObjectIdentifiers.Pkcs8ShroudedKeyBag, encryptedKey, Attributes(entry.Alias, localKeyId, trusted: false)));

            certBags.Add(CertificateBag(entry.Chain[0], entry.Alias, localKeyId, trusted: false));
            foreach (X509Certificate issuer in entry.Chain.Skip(1))
            {
                // CA certificates of a chain carry no attributes: readers link them by issuer name and signature.
                if (written.Add(issuer))
                {
                    certBags.Add(new SafeBag(PkcsObjectIdentifiers.CertBag, new CertBag(PkcsObjectIdentifiers.X509Certificate, new DerOctetString(issuer.GetEncoded()))));
                }
            }
        }

        ContentInfo certificates = EncryptedContent(new DerSequence(certBags).GetDerEncoded(), password.Chars, random);
        ContentInfo keys = new(PkcsObjectIdentifiers.Data, new DerOctetString(new DerSequence(keyBags).GetDerEncoded()));
        byte[] authSafe = new AuthenticatedSafe([certificates, keys]).GetDerEncoded();

        var pfx = new Pfx(new ContentInfo(PkcsObjectIdentifiers.Data, new DerOctetString(authSafe)), Mac(authSafe, password.Chars, random));
        pfx.EncodeTo(stream, Asn1Encodable.Der);
    }

    private static SafeBag CertificateBag(X509Certificate certificate, string friendlyName, byte[]? localKeyId, bool trusted) =>
        new(PkcsObjectIdentifiers.CertBag,
            new CertBag(PkcsObjectIdentifiers.X509Certificate, new DerOctetString(certificate.GetEncoded())),
            Attributes(friendlyName, localKeyId, trusted));

    private static DerSet Attributes(string friendlyName, byte[]? localKeyId, bool trusted)
    {
        var attributes = new Asn1EncodableVector
        {
            new DerSequence(PkcsObjectIdentifiers.Pkcs9AtFriendlyName, new DerSet(new DerBmpString(friendlyName))),
        };
        if (localKeyId is not null)
        {
            attributes.Add(new DerSequence(PkcsObjectIdentifiers.Pkcs9AtLocalKeyID, new DerSet(new DerOctetString(localKeyId))));
        }

        if (trusted)
        {
            attributes.Add(new DerSequence(s_trustedKeyUsage, new DerSet(KeyPurposeID.AnyExtendedKeyUsage)));
        }

        return new DerSet(attributes);
    }

    private static ContentInfo EncryptedContent(byte[] plain, char[] password, SecureRandom random)
    {
        Asn1Encodable pbes2 = PbeUtilities.GenerateAlgorithmParameters(
            NistObjectIdentifiers.IdAes256Cbc, PkcsObjectIdentifiers.IdHmacWithSha256, SecureRandom.GetNextBytes(random, SaltSize), Iterations, random);
        var cipher = (IBufferedCipher)CipherUtilities.GetCipher(NistObjectIdentifiers.IdAes256Cbc);
        cipher.Init(true, PbeUtilities.GenerateCipherParameters(PkcsObjectIdentifiers.IdPbeS2, password, pbes2));
        byte[] encrypted = cipher.DoFinal(plain);
        var algorithm = new AlgorithmIdentifier(PkcsObjectIdentifiers.IdPbeS2, pbes2);
        return new ContentInfo(PkcsObjectIdentifiers.EncryptedData, new EncryptedData(PkcsObjectIdentifiers.Data, algorithm, new DerOctetString(encrypted)));
    }

    // RFC 7292 appendix B: the MAC key comes from the PKCS#12 KDF (ID=3) over the same digest as the HMAC.
    private static MacData Mac(byte[] authSafe, char[] password, SecureRandom random)
    {
        byte[] salt = SecureRandom.GetNextBytes(random, MacSaltSize);
        byte[] passwordBytes = PbeParametersGenerator.Pkcs12PasswordToBytes(password);
        try
        {
            var generator = new Pkcs12ParametersGenerator(new Sha256Digest());
            generator.Init(passwordBytes, salt, Iterations);
            var key = (KeyParameter)generator.GenerateDerivedMacParameters(256);
            var hmac = new HMac(new Sha256Digest());
            hmac.Init(key);
            hmac.BlockUpdate(authSafe, 0, authSafe.Length);
            byte[] mac = new byte[hmac.GetMacSize()];
            hmac.DoFinal(mac, 0);
            var digestInfo = new DigestInfo(new AlgorithmIdentifier(NistObjectIdentifiers.IdSha256, DerNull.Instance), mac);
            return new MacData(digestInfo, salt, Iterations);
        }
        finally
        {
            Array.Clear(passwordBytes);
        }
    }
}
