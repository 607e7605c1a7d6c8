using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace SipSecurity.Server.Diagnostics;

/// <summary>The probe's TLS callbacks: they record what the server sent and asked for, and never refuse.</summary>
internal sealed class HandshakeRecorder : IDisposable
{
    private readonly X509Certificate2? _clientCertificate;
    private readonly List<X509Certificate2> _serverChain = [];
    private int _selectionCalls;

    public HandshakeRecorder(X509Certificate2? clientCertificate, bool usesContext)
    {
        _clientCertificate = clientCertificate;
        UsesContext = clientCertificate is not null && usesContext;
    }

    /// <summary>The client certificate goes through an SslStreamCertificateContext (to send its intermediates), so .NET never calls the selection callback.</summary>
    public bool UsesContext { get; }

    /// <summary>The server sent a CertificateRequest (seen through the selection callback).</summary>
    public bool Requested { get; private set; }

    /// <summary>The selection callback handed the client certificate over in answer to the request.</summary>
    public bool SentOnRequest { get; private set; }

    /// <summary>Copies of the server's certificates, leaf first, in the order sent.</summary>
    public IReadOnlyList<X509Certificate2> ServerChain => _serverChain;

    public SslClientAuthenticationOptions CreateOptions(SipTlsProbeOptions options, string serverName) => new()
    {
        TargetHost = serverName,
        EnabledSslProtocols = options.Protocols,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        // A resumed session skips the server's Certificate and CertificateRequest: every probe needs a full handshake.
        AllowTlsResume = false,
        // CA5359 is the point of a probe: the handshake must complete so that the chain can be shown and judged
        // against the caller's trust anchors (SipTlsChainJudge); no application data is trusted on this connection.
#pragma warning disable CA5359
        RemoteCertificateValidationCallback = RecordServerCertificate,
#pragma warning restore CA5359
        LocalCertificateSelectionCallback = SelectClientCertificate,
        ClientCertificateContext = UsesContext
            ? SslStreamCertificateContext.Create(_clientCertificate!, options.ClientIntermediates, offline: true)
            : null,
    };

    public void Dispose()
    {
        foreach (var certificate in _serverChain)
        {
            certificate.Dispose();
        }
    }

    private bool RecordServerCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is not null && _serverChain.Count == 0)
        {
            var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            _serverChain.Add(leaf);

            // SslStream puts the certificates the server sent (leaf included) into the chain's extra store.
            foreach (var sent in chain?.ChainPolicy.ExtraStore ?? [])
            {
                if (!sent.RawDataMemory.Span.SequenceEqual(leaf.RawDataMemory.Span))
                {
                    _serverChain.Add(X509CertificateLoader.LoadCertificate(sent.RawDataMemory.Span));
                }
            }
        }

        // Report, never refuse: the verdict is computed against the caller's trust anchors afterwards.
        return true;
    }

    private X509Certificate2? SelectClientCertificate(object sender, string targetHost, X509CertificateCollection localCertificates, X509Certificate? remoteCertificate, string[] acceptableIssuers)
    {
        // SslStream calls this once before the ClientHello (a guess for session resumption) and again only when the
        // server sends a CertificateRequest. The first call answers nothing so that the second one reveals the request.
        // TLS 1.3 (RFC 8446 §4.3.2): the CertificateRequest comes in the server's encrypted flight before its Certificate,
        // so remoteCertificate can be null here; only the call count is relied on. A TLS 1.3 server that refuses the
        // certificate says so after the client's Finished, i.e. after AuthenticateAsClientAsync returned: see Accepted.
        if (++_selectionCalls == 1)
        {
            return null!;
        }

        Requested = true;
        SentOnRequest = _clientCertificate is not null;
        return _clientCertificate!;
    }
}
