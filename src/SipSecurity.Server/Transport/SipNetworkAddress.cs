using System.Net;

namespace SipSecurity.Server.Transport;

/// <summary>Address helpers shared by the transports.</summary>
internal static class SipNetworkAddress
{
    /// <summary>An IPv4-mapped IPv6 address (from a dual-stack socket) as the IPv4 address it stands for.</summary>
    public static IPEndPoint Normalize(IPEndPoint endPoint)
        => endPoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endPoint.Address.MapToIPv4(), endPoint.Port) : endPoint;

    public static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>Parses an IP literal, with or without IPv6 brackets; null for a host name.</summary>
    public static IPAddress? TryParseLiteral(string host)
    {
        var span = host.AsSpan();
        if (span.Length > 2 && span[0] == '[' && span[^1] == ']')
        {
            span = span[1..^1];
        }

        return IPAddress.TryParse(span, out var address) ? Normalize(address) : null;
    }

    /// <summary>The form RFC 3261 §18.2.1 puts in received=: IPv4 dotted or IPv6 without brackets.</summary>
    public static string ToReceivedText(IPAddress address) => Normalize(address).ToString();
}
