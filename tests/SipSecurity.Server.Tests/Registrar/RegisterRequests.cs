using System.Net;
using System.Text;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Transport;
using SipSecurity.Sip.Messages;
using SipSecurity.Sip.Parsing;

namespace SipSecurity.Server.Tests.Registrar;

/// <summary>REGISTER requests as a phone sends them, and a clock the tests move.</summary>
internal static class RegisterRequests
{
    public static readonly SipInboundContext Udp = new()
    {
        Transport = SipTransportKind.Udp,
        ConnectorName = "udp",
        LocalEndPoint = new IPEndPoint(IPAddress.Loopback, 5060),
        RemoteEndPoint = new IPEndPoint(IPAddress.Parse("192.0.2.10"), 5062),
    };

    public static SipRequest Register(string user = "alice", string callId = "call-1", int cseq = 1, string? expires = "3600", string? extraHeader = null, params string[] contacts)
    {
        var text = new StringBuilder()
            .Append("REGISTER sip:example.com SIP/2.0\r\n")
            .Append("Via: SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK").Append(callId).Append(cseq).Append("\r\n")
            .Append("Max-Forwards: 70\r\n")
            .Append("From: <sip:").Append(user).Append("@example.com>;tag=f1\r\n")
            .Append("To: <sip:").Append(user).Append("@Example.COM>\r\n")
            .Append("Call-ID: ").Append(callId).Append("\r\n")
            .Append("CSeq: ").Append(cseq).Append(" REGISTER\r\n");
        foreach (var contact in contacts)
        {
            text.Append("Contact: ").Append(contact).Append("\r\n");
        }

        if (expires is not null)
        {
            text.Append("Expires: ").Append(expires).Append("\r\n");
        }

        if (extraHeader is not null)
        {
            text.Append(extraHeader).Append("\r\n");
        }

        text.Append("User-Agent: test-phone\r\nContent-Length: 0\r\n\r\n");
        return (SipRequest)SipParser.Parse(Encoding.UTF8.GetBytes(text.ToString()).AsMemory(), SipParseMode.Datagram).Message!;
    }
}

internal sealed class ManualTime : TimeProvider
{
    private DateTimeOffset _now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
