using SipSecurity.Sip.Headers;

namespace SipSecurity.Server.Transport;

/// <summary>Where RFC 3261 §18.2.2 (and RFC 3581 §4) sends a response, from the request's top Via as the server stamped it.</summary>
internal static class SipResponseRoute
{
    public const int DefaultPort = 5060;

    /// <summary>
    /// Unreliable transport: maddr with the sent-by port; else received with rport, or with the sent-by port;
    /// else the sent-by host and port. The host is an IP literal or a name to resolve.
    /// </summary>
    public static (string Host, int Port) ForUnreliable(SipVia via)
    {
        if (via.MAddr is { Length: > 0 } maddr)
        {
            return (maddr, via.Port ?? DefaultPort);
        }

        return (via.Received ?? via.Host, via.RPort ?? via.Port ?? DefaultPort);
    }

    /// <summary>Reliable transport whose connection is gone: a new connection to received (or sent-by) at rport, the sent-by port or 5060.</summary>
    public static (string Host, int Port) ForNewConnection(SipVia via)
        => (via.Received ?? via.Host, via.RPort ?? via.Port ?? DefaultPort);
}
