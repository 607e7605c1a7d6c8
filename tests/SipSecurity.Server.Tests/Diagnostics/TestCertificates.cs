using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SipSecurity.Server.Tests.Diagnostics;

/// <summary>A small PKI made with CertificateRequest: a root, an intermediate, server and client leaves.</summary>
internal static class TestCertificates
{
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    public static X509Certificate2 CreateCa(string name, X509Certificate2? issuer = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var notBefore = DateTimeOffset.UtcNow.AddDays(-30);
        if (issuer is null)
        {
            return Persist(request.CreateSelfSigned(notBefore, DateTimeOffset.UtcNow.AddDays(30)));
        }

        using var signed = request.Create(issuer, notBefore, DateTimeOffset.UtcNow.AddDays(20), RandomSerial());
        return Persist(signed.CopyWithPrivateKey(key));
    }

    public static X509Certificate2 CreateLeaf(string name, X509Certificate2 issuer, bool server, DateTimeOffset? notAfter = null, DateTimeOffset? notBefore = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(server ? ServerAuth : ClientAuth)], false));
        if (server)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName(name);
            san.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(san.Build());
        }

        var from = notBefore ?? DateTimeOffset.UtcNow.AddDays(-1);
        var to = notAfter ?? DateTimeOffset.UtcNow.AddDays(10);
        using var signed = request.Create(issuer, from, to, RandomSerial());
        return Persist(signed.CopyWithPrivateKey(key));
    }

    public static string Fingerprint(X509Certificate2 certificate, HashAlgorithmName algorithm) =>
        string.Join(':', certificate.GetCertHash(algorithm).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    // Ephemeral keys are fine for OpenSSL; a PKCS#12 round trip keeps the tests portable to Windows' SChannel.
    private static X509Certificate2 Persist(X509Certificate2 certificate)
    {
        using (certificate)
        {
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        }
    }

    private static byte[] RandomSerial() => RandomNumberGenerator.GetBytes(12);
}
