using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using X509Certificate = Org.BouncyCastle.X509.X509Certificate;

namespace SipSecurity.KeyStores.Internal;

/// <summary>Describes a certificate the way <c>keytool -list -v</c> does.</summary>
internal static class EntryInfoFactory
{
    // Java's names, so listings read like keytool's "Signature algorithm name".
    private static readonly Dictionary<string, string> s_signatureNames = new(StringComparer.Ordinal)
    {
        ["1.2.840.113549.1.1.4"] = "MD5withRSA",
        ["1.2.840.113549.1.1.5"] = "SHA1withRSA",
        ["1.2.840.113549.1.1.10"] = "RSASSA-PSS",
        ["1.2.840.113549.1.1.11"] = "SHA256withRSA",
        ["1.2.840.113549.1.1.12"] = "SHA384withRSA",
        ["1.2.840.113549.1.1.13"] = "SHA512withRSA",
        ["1.2.840.10045.4.1"] = "SHA1withECDSA",
        ["1.2.840.10045.4.3.2"] = "SHA256withECDSA",
        ["1.2.840.10045.4.3.3"] = "SHA384withECDSA",
        ["1.2.840.10045.4.3.4"] = "SHA512withECDSA",
        ["1.3.101.112"] = "Ed25519",
    };

    public static KeyStoreEntryInfo Create(string alias, KeyEntryType type, X509Certificate[] chain, DateTime? created)
    {
        X509Certificate leaf = chain[0];
        byte[] der = leaf.GetEncoded();
        AsymmetricKeyParameter publicKey = leaf.GetPublicKey();
        return new KeyStoreEntryInfo(alias, type, X509CertificateLoader.LoadCertificate(der), chain.Length)
        {
            Subject = FormatName(leaf.SubjectDN),
            Issuer = FormatName(leaf.IssuerDN),
            SerialNumber = leaf.SerialNumber.ToString(16),
            NotBefore = new DateTimeOffset(DateTime.SpecifyKind(leaf.NotBefore, DateTimeKind.Utc)),
            NotAfter = new DateTimeOffset(DateTime.SpecifyKind(leaf.NotAfter, DateTimeKind.Utc)),
            KeyAlgorithm = publicKey switch
            {
                RsaKeyParameters => "RSA",
                ECPublicKeyParameters => "EC",
                _ => leaf.SubjectPublicKeyInfo.Algorithm.Algorithm.Id,
            },
            KeySize = publicKey switch
            {
                RsaKeyParameters rsa => rsa.Modulus.BitLength,
                ECPublicKeyParameters ec => ec.Parameters.Curve.FieldSize,
                _ => 0,
            },
            Curve = publicKey is ECPublicKeyParameters ecKey ? CurveName(leaf, ecKey) : null,
            SignatureAlgorithm = s_signatureNames.GetValueOrDefault(leaf.SigAlgOid, leaf.SigAlgName),
            SubjectAlternativeNames = SubjectAlternativeNames(leaf),
            Sha1Fingerprint = Fingerprint("SHA-1", der),
            Sha256Fingerprint = Fingerprint("SHA-256", der),
            IsSelfSigned = leaf.SubjectDN.Equivalent(leaf.IssuerDN),
            CreationDate = created is { } c ? new DateTimeOffset(DateTime.SpecifyKind(c, DateTimeKind.Utc)) : null,
        };
    }

    /// <summary>keytool's form: most specific first, "ST" for the state, ", " between attributes.</summary>
    public static string FormatName(X509Name name)
    {
        IList<DerObjectIdentifier> oids = name.GetOidList();
        IList<string> values = name.GetValueList();
        var parts = new List<string>(oids.Count);
        for (int i = oids.Count - 1; i >= 0; i--)
        {
            string symbol = X509Name.DefaultSymbols.TryGetValue(oids[i], out string? s) ? s : oids[i].Id;
            parts.Add(symbol + "=" + Escape(values[i]));
        }

        return string.Join(", ", parts);
    }

    private static string Escape(string value)
    {
        var builder = new System.Text.StringBuilder(value.Length);
        foreach (char c in value)
        {
            if (c is ',' or '+' or '"' or '\\' or '<' or '>' or ';')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    public static string Fingerprint(string digest, byte[] der) =>
        string.Join(':', DigestUtilities.CalculateDigest(digest, der).Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));

    private static string CurveName(X509Certificate certificate, ECPublicKeyParameters key)
    {
        var parameters = X962Parameters.GetInstance(certificate.SubjectPublicKeyInfo.Algorithm.Parameters);
        if (parameters.IsNamedCurve)
        {
            var oid = DerObjectIdentifier.GetInstance(parameters.Parameters);
            string? name = ECNamedCurveTable.GetName(oid);
            return name switch
            {
                "secp256r1" or "prime256v1" or "P-256" => "P-256",
                "secp384r1" or "P-384" => "P-384",
                "secp521r1" or "P-521" => "P-521",
                null => oid.Id,
                _ => name,
            };
        }

        return $"explicit {key.Parameters.Curve.FieldSize}-bit curve";
    }

    private static List<string> SubjectAlternativeNames(X509Certificate certificate)
    {
        var result = new List<string>();
        Asn1OctetString? extension = certificate.GetExtensionValue(X509Extensions.SubjectAlternativeName);
        if (extension is null)
        {
            return result;
        }

        foreach (GeneralName name in GeneralNames.GetInstance(extension.GetOctets()).GetNames())
        {
            result.Add(name.TagNo switch
            {
                GeneralName.DnsName => "DNS:" + DerIA5String.GetInstance(name.Name).GetString(),
                GeneralName.IPAddress => "IP:" + new System.Net.IPAddress(Asn1OctetString.GetInstance(name.Name).GetOctets()),
                GeneralName.Rfc822Name => "email:" + DerIA5String.GetInstance(name.Name).GetString(),
                GeneralName.UniformResourceIdentifier => "URI:" + DerIA5String.GetInstance(name.Name).GetString(),
                _ => "other:" + name.Name,
            });
        }

        return result;
    }
}
