using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SipSecurity.Server.Diagnostics;

/// <summary>One certificate of the chain a server sent, described as keytool -list -v does.</summary>
public sealed class SipTlsCertificateInfo
{
    private const string SubjectAlternativeNameOid = "2.5.29.17";

    private SipTlsCertificateInfo(X509Certificate2 certificate)
    {
        Subject = certificate.Subject;
        Issuer = certificate.Issuer;
        SerialNumber = certificate.SerialNumber;
        NotBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        NotAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        SubjectAlternativeNames = ReadSubjectAlternativeNames(certificate);
        Sha1Fingerprint = Fingerprint(certificate, HashAlgorithmName.SHA1);
        Sha256Fingerprint = Fingerprint(certificate, HashAlgorithmName.SHA256);
    }

    /// <summary>Subject, most specific first ("CN=sip.example.com, O=Example").</summary>
    public string Subject { get; }

    /// <summary>Issuer, in the same form as <see cref="Subject"/>.</summary>
    public string Issuer { get; }

    /// <summary>Serial number as uppercase hex.</summary>
    public string SerialNumber { get; }

    /// <summary>Start of validity (UTC).</summary>
    public DateTimeOffset NotBefore { get; }

    /// <summary>End of validity (UTC).</summary>
    public DateTimeOffset NotAfter { get; }

    /// <summary>Subject alternative names as "DNS:name" and "IP:address".</summary>
    public IReadOnlyList<string> SubjectAlternativeNames { get; }

    /// <summary>SHA-1 of the DER certificate, colon-separated uppercase hex (keytool's and openssl's form).</summary>
    public string Sha1Fingerprint { get; }

    /// <summary>SHA-256 of the DER certificate, colon-separated uppercase hex (keytool's and openssl's form).</summary>
    public string Sha256Fingerprint { get; }

    /// <inheritdoc />
    public override string ToString() => Subject;

    internal static SipTlsCertificateInfo Describe(X509Certificate2 certificate) => new(certificate);

    internal static string Fingerprint(X509Certificate2 certificate, HashAlgorithmName algorithm) =>
        string.Join(':', certificate.GetCertHash(algorithm).Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));

    private static List<string> ReadSubjectAlternativeNames(X509Certificate2 certificate)
    {
        var names = new List<string>();
        foreach (var extension in certificate.Extensions)
        {
            if (extension.Oid?.Value != SubjectAlternativeNameOid)
            {
                continue;
            }

            var san = extension as X509SubjectAlternativeNameExtension ?? new X509SubjectAlternativeNameExtension(extension.RawData, extension.Critical);
            names.AddRange(san.EnumerateDnsNames().Select(name => "DNS:" + name));
            names.AddRange(san.EnumerateIPAddresses().Select(address => "IP:" + address));
        }

        return names;
    }
}
