using System.Net;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace SipSecurity.KeyStores.Internal;

/// <summary>Builds self-signed certificates and the extensions shared with certificate requests.</summary>
internal static class CertificateFactory
{
    public static X509Certificate CreateSelfSigned(AsymmetricCipherKeyPair keyPair, X509Name subject, SelfSignedCertificateOptions options)
    {
        DateTime notBefore = (options.NotBefore ?? DateTimeOffset.UtcNow).UtcDateTime;
        notBefore = notBefore.AddTicks(-(notBefore.Ticks % TimeSpan.TicksPerSecond));

        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(RandomSerial());
        generator.SetIssuerDN(subject);
        generator.SetSubjectDN(subject);
        generator.SetNotBefore(notBefore);
        generator.SetNotAfter(notBefore.AddDays(options.ValidityDays));
        generator.SetPublicKey(keyPair.Public);
        foreach ((DerObjectIdentifier oid, X509Extension extension) in EndEntityExtensions(keyPair.Public, options.DnsNames, options.IPAddresses, includeKeyIdentifier: true))
        {
            generator.AddExtension(oid, extension);
        }

        return generator.Generate(SignatureFactory(keyPair.Private));
    }

    /// <summary>The extensions of a TLS end entity (server and client): key identifier, key usage, EKU, SANs.</summary>
    public static IEnumerable<KeyValuePair<DerObjectIdentifier, X509Extension>> EndEntityExtensions(
        AsymmetricKeyParameter publicKey, IReadOnlyList<string> dnsNames, IReadOnlyList<IPAddress> ipAddresses, bool includeKeyIdentifier)
    {
        if (includeKeyIdentifier)
        {
            yield return new(X509Extensions.SubjectKeyIdentifier, new X509Extension(false, new DerOctetString(new SubjectKeyIdentifier(KeyIdentifier(publicKey)))));
        }

        // RSA key exchange (TLS 1.2) encrypts to the key; ECDSA only signs.
        int usage = publicKey is Org.BouncyCastle.Crypto.Parameters.RsaKeyParameters
            ? KeyUsage.DigitalSignature | KeyUsage.KeyEncipherment
            : KeyUsage.DigitalSignature;
        yield return new(X509Extensions.KeyUsage, new X509Extension(true, new DerOctetString(new KeyUsage(usage))));
        yield return new(X509Extensions.ExtendedKeyUsage, new X509Extension(false, new DerOctetString(
            new ExtendedKeyUsage(KeyPurposeID.id_kp_serverAuth, KeyPurposeID.id_kp_clientAuth))));

        GeneralNames? names = SubjectAlternativeNames(dnsNames, ipAddresses);
        if (names is not null)
        {
            yield return new(X509Extensions.SubjectAlternativeName, new X509Extension(false, new DerOctetString(names)));
        }
    }

    public static GeneralNames? SubjectAlternativeNames(IReadOnlyList<string> dnsNames, IReadOnlyList<IPAddress> ipAddresses)
    {
        var names = new List<GeneralName>();
        names.AddRange(dnsNames.Select(d => new GeneralName(GeneralName.DnsName, d)));
        names.AddRange(ipAddresses.Select(ip => new GeneralName(GeneralName.IPAddress, new DerOctetString(ip.GetAddressBytes()))));
        return names.Count == 0 ? null : new GeneralNames(names.ToArray());
    }

    /// <summary>SHA-256 for RSA and P-256, SHA-384 for P-384 (match the hash to the curve's strength).</summary>
    public static ISignatureFactory SignatureFactory(AsymmetricKeyParameter privateKey) =>
        new Asn1SignatureFactory(SignatureAlgorithm(privateKey), privateKey, new SecureRandom());

    public static string SignatureAlgorithm(AsymmetricKeyParameter privateKey) => privateKey switch
    {
        Org.BouncyCastle.Crypto.Parameters.RsaKeyParameters => "SHA256WITHRSA",
        Org.BouncyCastle.Crypto.Parameters.ECPrivateKeyParameters ec when ec.Parameters.Curve.FieldSize > 256 => "SHA384WITHECDSA",
        Org.BouncyCastle.Crypto.Parameters.ECPrivateKeyParameters => "SHA256WITHECDSA",
        _ => throw new KeyStoreException(KeyStoreErrorIds.UnsupportedAlgorithm, "Only RSA and EC keys can sign."),
    };

    // RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey bit string.
    private static byte[] KeyIdentifier(AsymmetricKeyParameter publicKey) =>
        DigestUtilities.CalculateDigest("SHA-1", SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(publicKey).PublicKey.GetBytes());

    // RFC 5280 §4.1.2.2: positive, at most 20 octets; 16 random octets with the top bit clear.
    private static BigInteger RandomSerial()
    {
        byte[] bytes = SecureRandom.GetNextBytes(new SecureRandom(), 16);
        bytes[0] &= 0x7F;
        bytes[0] |= 0x01;
        return new BigInteger(1, bytes);
    }
}
