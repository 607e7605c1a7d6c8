using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace SipSecurity.Server.Diagnostics;

/// <summary>What <see cref="SipTlsProbe"/> connects to and what it presents (openssl s_client's options).</summary>
public sealed class SipTlsProbeOptions
{
    /// <summary>Host name or IP address to connect to.</summary>
    public required string Host { get; init; }

    /// <summary>TCP port; 5061 is SIP over TLS (RFC 3261 §19.1.2).</summary>
    public int Port { get; init; } = 5061;

    /// <summary>The name sent as SNI and checked against the server certificate; null means <see cref="Host"/>.</summary>
    public string? ServerName { get; init; }

    /// <summary>The client certificate with its private key, sent when the server asks for one; null sends none.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>Intermediate certificates sent after <see cref="ClientCertificate"/> (its chain, leaf excluded).</summary>
    public X509Certificate2Collection? ClientIntermediates { get; init; }

    /// <summary>Trust anchors the server's chain is judged against; null reports the chain without judging it.</summary>
    public X509Certificate2Collection? TrustAnchors { get; init; }

    /// <summary>Protocol versions offered; TLS 1.2 and 1.3 unless set.</summary>
    public SslProtocols Protocols { get; init; } = SslProtocols.Tls12 | SslProtocols.Tls13;

    /// <summary>Limit for connect plus handshake, and again for the answer to OPTIONS.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>After the handshake, send a SIP OPTIONS request and read the status line of the answer.</summary>
    public bool SendOptions { get; init; }

    /// <summary>
    /// Without <see cref="SendOptions"/>: how long to wait after the handshake for the server to close the connection or
    /// send an alert (a TLS 1.3 server rejects a client certificate only after its side of the handshake is done).
    /// </summary>
    public TimeSpan AcceptanceWindow { get; init; } = TimeSpan.FromSeconds(1);

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host))
        {
            throw new ArgumentException("A host name or address is required.", nameof(Host));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(Port, 1, nameof(Port));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535, nameof(Port));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Timeout, TimeSpan.Zero, nameof(Timeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(AcceptanceWindow, TimeSpan.Zero, nameof(AcceptanceWindow));
        if (ClientCertificate is { HasPrivateKey: false })
        {
            throw new ArgumentException("The client certificate has no private key.", nameof(ClientCertificate));
        }
    }
}
