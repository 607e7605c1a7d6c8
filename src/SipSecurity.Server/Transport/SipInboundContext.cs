using System.Net;
using System.Security.Cryptography.X509Certificates;
using SipSecurity.Server.Configuration;

namespace SipSecurity.Server.Transport;

/// <summary>Where a received message came from, and the way back to its sender.</summary>
public sealed class SipInboundContext
{
    public required SipTransportKind Transport { get; init; }

    /// <summary>The name of the connector that received it.</summary>
    public required string ConnectorName { get; init; }

    public required IPEndPoint LocalEndPoint { get; init; }

    public required IPEndPoint RemoteEndPoint { get; init; }

    /// <summary>The stream connection it arrived on; null for UDP.</summary>
    public ISipConnection? Connection { get; init; }

    /// <summary>True when the transport encrypts (TLS, WSS): what a Confidential constraint requires.</summary>
    public bool IsSecure => Transport is SipTransportKind.Tls or SipTransportKind.Wss;

    /// <summary>The verified client certificate of a TLS peer, when it sent one.</summary>
    public X509Certificate2? PeerCertificate => Connection?.PeerCertificate;

    public override string ToString() => $"{Transport.ToString().ToUpperInvariant()} {RemoteEndPoint}";
}

/// <summary>A stream connection (TCP, TLS, WebSocket), owned by its transport.</summary>
public interface ISipConnection
{
    long Id { get; }

    bool IsOpen { get; }

    IPEndPoint RemoteEndPoint { get; }

    X509Certificate2? PeerCertificate { get; }

    /// <summary>Queues one whole message for sending; false when the connection is closed or its send queue is full.</summary>
    bool TrySend(ReadOnlyMemory<byte> message);
}
