using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Transport.Tls;

namespace SipSecurity.Server.Tests.Transport.Tls;

/// <summary>
/// A TLS context over test certificates: the client certificate is verified against <see cref="TestCertificates.Ca"/>
/// only (CustomRootTrust), never the machine's store. Setting <see cref="Certificate"/> rotates the server certificate
/// for the next handshake.
/// </summary>
internal sealed class TestTlsServerContext : ISipTlsServerContext
{
    private volatile SslStreamCertificateContext _certificate;

    public TestTlsServerContext(SipClientAuthentication mode = SipClientAuthentication.Disabled, X509Certificate2? certificate = null)
    {
        ClientAuthentication = mode;
        _certificate = SslStreamCertificateContext.Create(certificate ?? TestCertificates.Server1, additionalCertificates: null, offline: true);
    }

    public SipClientAuthentication ClientAuthentication { get; set; }

    public SslProtocols Protocols { get; set; } = SslProtocols.Tls12 | SslProtocols.Tls13;

    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public int MaxConcurrentHandshakes { get; set; } = 64;

    public X509Certificate2 Certificate
    {
        get => _certificate.TargetCertificate;
        set => _certificate = SslStreamCertificateContext.Create(value, additionalCertificates: null, offline: true);
    }

    public SslServerAuthenticationOptions GetOptions()
    {
        var mode = ClientAuthentication;
        return new SslServerAuthenticationOptions
        {
            ServerCertificateContext = _certificate,
            EnabledSslProtocols = Protocols,
            ClientCertificateRequired = mode is SipClientAuthentication.Want or SipClientAuthentication.Enabled,
            AllowRenegotiation = false,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,

            // Enabled: the handshake fails without a certificate that verifies. Want: anything goes, and
            // GetVerifiedClientCertificate decides what the connection trusts.
            RemoteCertificateValidationCallback = (_, certificate, _, _) => mode switch
            {
                SipClientAuthentication.Enabled => certificate is X509Certificate2 c && Verify(c, out _),
                _ => true,
            },
        };
    }

    public X509Certificate2? GetVerifiedClientCertificate(SslStream stream, out string? problem)
    {
        problem = null;
        if (stream.RemoteCertificate is not X509Certificate2 certificate)
        {
            return null;
        }

        return Verify(certificate, out problem) ? certificate : null;
    }

    private static bool Verify(X509Certificate2 certificate, out string? problem)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(TestCertificates.Ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid("1.3.6.1.5.5.7.3.2"));
        if (chain.Build(certificate))
        {
            problem = null;
            return true;
        }

        problem = string.Join("; ", chain.ChainStatus.Select(s => s.Status.ToString()));
        return false;
    }
}
