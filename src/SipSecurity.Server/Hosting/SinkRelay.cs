using SipSecurity.Server.Transport;
using SipSecurity.Sip.Messages;

namespace SipSecurity.Server.Hosting;

/// <summary>Breaks the construction cycle between the transport layer (which needs a sink) and the transaction layer (which needs a sender).</summary>
internal sealed class SinkRelay : ISipMessageSink
{
    public ISipMessageSink? Target { get; set; }

    public void OnRequest(SipRequest request, SipInboundContext source) => Target?.OnRequest(request, source);

    public void OnResponse(SipResponse response, SipInboundContext source) => Target?.OnResponse(response, source);
}
