using System.Net.Security;
using System.Security.Authentication;

namespace SipSecurity.Server.Diagnostics;

/// <summary>
/// What <see cref="SipTlsProbe"/> saw: the negotiated protocol and cipher, the chain as the server sent it, the verdict on
/// it against the given trust anchors, the client certificate exchange, and whether the connection stayed usable.
/// </summary>
public sealed class SipTlsProbeResult
{
    internal SipTlsProbeResult(string host, int port, string serverName)
    {
        Host = host;
        Port = port;
        ServerName = serverName;
    }

    /// <summary>The host connected to.</summary>
    public string Host { get; }

    /// <summary>The port connected to.</summary>
    public int Port { get; }

    /// <summary>The SNI name sent (not sent when it is an IP address) and checked against the certificate.</summary>
    public string ServerName { get; }

    /// <summary>
    /// True when the TCP connection and the handshake succeeded, the connection stayed usable and, with SendOptions, the
    /// server answered OPTIONS. The certificate verdict is separate: see <see cref="Validated"/>.
    /// </summary>
    public bool Succeeded => Error is null;

    /// <summary>True when the TLS handshake completed.</summary>
    public bool HandshakeCompleted { get; internal set; }

    /// <summary>The negotiated protocol version (Tls12, Tls13); null without a completed handshake.</summary>
    public SslProtocols? Protocol { get; internal set; }

    /// <summary>The negotiated cipher suite by its IANA name; null without a completed handshake.</summary>
    public TlsCipherSuite? CipherSuite { get; internal set; }

    /// <summary>The server's certificates in the order sent, leaf first; empty when the server sent none.</summary>
    public IReadOnlyList<SipTlsCertificateInfo> ServerCertificates { get; internal set; } = [];

    /// <summary>
    /// True when the chain leads to one of the trust anchors, every certificate is within its validity and usable for
    /// TLS server authentication, and the leaf matches <see cref="ServerName"/>; null when no trust anchors were given.
    /// </summary>
    public bool? Validated { get; internal set; }

    /// <summary>Why <see cref="Validated"/> is false, one line per problem, each starting with a stable word (UntrustedRoot, PartialChain, Expired, NotYetValid, NameMismatch, ...).</summary>
    public IReadOnlyList<string> ValidationErrors { get; internal set; } = [];

    /// <summary>
    /// True when the server asked for a client certificate (CertificateRequest). Null when it cannot be told: a client
    /// certificate with intermediates was given and the handshake failed.
    /// </summary>
    public bool? ClientCertificateRequested { get; internal set; }

    /// <summary>True when the client certificate was sent in answer to the request; null when it cannot be told (see <see cref="ClientCertificateRequested"/>).</summary>
    public bool? ClientCertificateSent { get; internal set; }

    /// <summary>
    /// True when the connection stayed usable after the handshake: no alert and no close within the acceptance window, or
    /// an answer to OPTIONS. False when the server ended it (e.g. a TLS 1.3 server rejecting the client certificate).
    /// </summary>
    public bool Accepted { get; internal set; }

    /// <summary>The status code of the answer to OPTIONS (SendOptions only).</summary>
    public int? OptionsStatus { get; internal set; }

    /// <summary>The reason phrase of the answer to OPTIONS (SendOptions only).</summary>
    public string? OptionsReason { get; internal set; }

    /// <summary>Why the probe did not succeed: connect, handshake, rejection after the handshake, or no answer to OPTIONS.</summary>
    public string? Error { get; internal set; }

    /// <summary>Time from the start of the connect to the end of the probe.</summary>
    public TimeSpan Elapsed { get; internal set; }

    /// <inheritdoc />
    public override string ToString() =>
        Succeeded ? $"{Host}:{Port} {Protocol} {CipherSuite}" : $"{Host}:{Port} failed: {Error}";
}
