using SipSecurity.Sip.Messages;

namespace SipSecurity.Server.Transport;

/// <summary>
/// Receives every message a transport has framed, parsed and validated. Requests arrive with
/// received/rport already added to the top Via (RFC 3261 §18.2.1, RFC 3581). Called on the
/// transport's receive thread: implementations must not block.
/// </summary>
public interface ISipMessageSink
{
    void OnRequest(SipRequest request, SipInboundContext source);

    void OnResponse(SipResponse response, SipInboundContext source);
}

/// <summary>Sends a response back toward the client of a request, per RFC 3261 §18.2.2.</summary>
public interface ISipResponseSender
{
    /// <summary>
    /// Sends <paramref name="response"/> (a whole serialized message) for a request that arrived from
    /// <paramref name="source"/> with <paramref name="requestTopVia"/> as its top Via (received/rport included).
    /// Never throws for network failures: they are logged and counted.
    /// </summary>
    void SendResponse(ReadOnlyMemory<byte> response, SipSecurity.Sip.Headers.SipVia requestTopVia, SipInboundContext source);
}
