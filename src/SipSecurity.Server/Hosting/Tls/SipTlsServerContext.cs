using System.Net.Security;
using System.Runtime.CompilerServices;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Transport.Tls;

namespace SipSecurity.Server.Hosting.Tls;

/// <summary>
/// One loaded TLS configuration: the server certificate (with its chain), the trust anchors that decide about client
/// certificates — the configured truststore, never the operating system's store — and the client certificate mode.
/// Immutable: a rotation builds a new one (see <see cref="SipTlsContextHolder"/>).
/// </summary>
internal sealed class SipTlsServerContext : ISipTlsServerContext
{
    private readonly SipTlsConfiguration _configuration;
    private readonly SslStreamCertificateContext _certificate;
    private readonly X509Certificate2Collection _trust;
    private readonly CipherSuitesPolicy? _cipherSuites;
    private readonly TimeProvider _time;

    // The validation callback learns about the client certificate; the transport asks after the handshake, maybe of
    // a newer context after a rotation: the table is shared, keyed by the (unique, weakly held) stream.
    private static readonly ConditionalWeakTable<SslStream, ClientVerdict> s_verdicts = [];

    public SipTlsServerContext(SipTlsConfiguration configuration, X509Certificate2 serverCertificate, X509Certificate2Collection intermediates,
        X509Certificate2Collection trust, TimeProvider time)
    {
        _configuration = configuration;
        _trust = trust;
        _time = time;
        ServerCertificate = serverCertificate;
        _certificate = SslStreamCertificateContext.Create(serverCertificate, intermediates, offline: true);
        if (configuration.CipherSuites.Count > 0 && !OperatingSystem.IsWindows())
        {
            _cipherSuites = new CipherSuitesPolicy(configuration.CipherSuites.Select(Enum.Parse<TlsCipherSuite>));
        }
    }

    public X509Certificate2 ServerCertificate { get; }

    /// <summary>The settings this context was built from.</summary>
    public SipTlsConfiguration Configuration => _configuration;

    public TimeSpan HandshakeTimeout => _configuration.HandshakeTimeout;

    public int MaxConcurrentHandshakes => Math.Max(16, Environment.ProcessorCount * 32);

    public SslServerAuthenticationOptions GetOptions() => new()
    {
        ServerCertificateContext = _certificate,
        // Want and Enabled send a CertificateRequest; Disabled and DisabledAll do not.
        ClientCertificateRequired = _configuration.ClientAuthentication is SipClientAuthentication.Want or SipClientAuthentication.Enabled,
        RemoteCertificateValidationCallback = ValidateClient,
        EnabledSslProtocols = _configuration.Protocols,
        CipherSuitesPolicy = _cipherSuites,
        AllowRenegotiation = false,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        EncryptionPolicy = EncryptionPolicy.RequireEncryption,
    };

    public X509Certificate2? GetVerifiedClientCertificate(SslStream stream, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (s_verdicts.TryGetValue(stream, out var verdict))
        {
            problem = verdict.Problem;
            return verdict.Problem is null ? verdict.Certificate : null;
        }

        problem = null;
        return null;
    }

    private bool ValidateClient(object sender, X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        var mode = _configuration.ClientAuthentication;
        if (certificate is null)
        {
            // Enabled requires one; Want treats its absence as anonymous.
            return mode != SipClientAuthentication.Enabled;
        }

        var client = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        var problem = Verify(client, presented);
        if (sender is SslStream stream)
        {
            s_verdicts.AddOrUpdate(stream, new ClientVerdict(client, problem));
        }

        // Want: a certificate that does not verify is treated as absent (the connection goes on without it).
        return problem is null || mode != SipClientAuthentication.Enabled;
    }

    /// <summary>Verifies against the configured trust anchors only; null when trusted, else why not.</summary>
    private string? Verify(X509Certificate2 client, X509Chain? presented)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_trust);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = _time.GetUtcNow().UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        // A self-signed client certificate imported into the truststore (the seed's quick start) is its own anchor.
        if (chain.Build(client))
        {
            return null;
        }

        var statuses = chain.ChainStatus.Select(s => s.Status).Where(s => s != X509ChainStatusFlags.NoError).Distinct().ToArray();
        return statuses.Length == 0 ? "the certificate does not chain to the truststore" : string.Join(", ", statuses.Select(Describe));
    }

    private static string Describe(X509ChainStatusFlags status) => status switch
    {
        X509ChainStatusFlags.NotTimeValid => "expired or not yet valid",
        X509ChainStatusFlags.UntrustedRoot or X509ChainStatusFlags.PartialChain => "not trusted by the truststore",
        X509ChainStatusFlags.NotSignatureValid => "bad signature",
        X509ChainStatusFlags.NotValidForUsage => "not valid for client authentication",
        _ => status.ToString(),
    };

    private sealed record ClientVerdict(X509Certificate2 Certificate, string? Problem);
}
