using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SipSecurity.Server.Tests.Transport.Tls;

/// <summary>Certificates made once per test run: a test CA, two server certificates (for rotation), trusted and untrusted client certificates.</summary>
internal static class TestCertificates
{
    private static readonly Lazy<X509Certificate2> s_ca = new(() => CreateCa("CN=SipSecurity Test CA"));
    private static readonly Lazy<X509Certificate2> s_otherCa = new(() => CreateCa("CN=Untrusted Test CA"));
    private static readonly Lazy<X509Certificate2> s_server1 = new(() => CreateServer("CN=sip1.test"));
    private static readonly Lazy<X509Certificate2> s_server2 = new(() => CreateServer("CN=sip2.test"));
    private static readonly Lazy<X509Certificate2> s_client = new(() => CreateClient("CN=alice", s_ca.Value));
    private static readonly Lazy<X509Certificate2> s_untrustedClient = new(() => CreateClient("CN=mallory", s_otherCa.Value));

    /// <summary>The CA the server's trust list holds.</summary>
    public static X509Certificate2 Ca => s_ca.Value;

    public static X509Certificate2 Server1 => s_server1.Value;

    public static X509Certificate2 Server2 => s_server2.Value;

    /// <summary>Signed by <see cref="Ca"/>, for client authentication.</summary>
    public static X509Certificate2 TrustedClient => s_client.Value;

    /// <summary>Signed by a CA the server does not trust.</summary>
    public static X509Certificate2 UntrustedClient => s_untrustedClient.Value;

    private static X509Certificate2 CreateCa(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    private static X509Certificate2 CreateServer(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    private static X509Certificate2 CreateClient(string subject, X509Certificate2 issuer)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        var serial = new byte[8];
        RandomNumberGenerator.Fill(serial);
        serial[0] &= 0x7F;
        using var signed = request.Create(issuer, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddMonths(6), serial);
        return signed.CopyWithPrivateKey(key);
    }
}
