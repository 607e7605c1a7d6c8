using System.Net;
using SipSecurity.Server.Configuration;

namespace SipSecurity.Server.Transport;

/// <summary>A connector as bound: <see cref="EndPoint"/> carries the OS-chosen port when the connector asked for port 0.</summary>
public sealed record SipBoundEndpoint(string ConnectorName, SipTransportKind Transport, IPEndPoint EndPoint)
{
    public override string ToString() => $"{Transport.ToString().ToUpperInvariant()} {EndPoint}";
}
