using System.Net;
using System.Text;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Security.Auth;
using SipSecurity.Server.Transport;
using SipSecurity.Sip.Messages;
using SipSecurity.Sip.Parsing;

namespace SipSecurity.Server.Tests.Security.Auth;

public class SipDigestUriTests
{
    private static readonly SipRequest s_register = (SipRequest)SipParser.Parse(Encoding.ASCII.GetBytes(
        "REGISTER sip:Example.COM SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.10;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n" +
        "From: <sip:a@example.com>;tag=1\r\nTo: <sip:a@example.com>\r\nCall-ID: c\r\nCSeq: 1 REGISTER\r\nContent-Length: 0\r\n\r\n").AsMemory(),
        SipParseMode.Datagram).Message!;

    [Theory]
    [InlineData("sip:Example.COM", "127.0.0.1:5060")]
    [InlineData("sip:example.com", "127.0.0.1:5060")]
    [InlineData("sip:127.0.0.1:5080", "127.0.0.1:5080")]
    [InlineData("sip:127.0.0.1:5080", "0.0.0.0:5080")]
    [InlineData("sip:[::1]:5080", "[::1]:5080")]
    [InlineData("sip:127.0.0.1:25061", "127.0.0.1:5081")]
    public void Accepts_the_request_uri_or_the_address_the_client_sent_to(string digestUri, string receivedOn) =>
        Assert.True(SipDigestUri.Matches(Encoding.ASCII.GetBytes(digestUri), s_register), receivedOn);

    [Theory]
    [InlineData("sip:other.example", "127.0.0.1:5060")]
    [InlineData("sip:other.example:5080", "127.0.0.1:5080")]
    [InlineData("sip:alice@127.0.0.1:5080", "127.0.0.1:5080")]
    [InlineData("not a uri", "127.0.0.1:5080")]
    public void Refuses_anything_else(string digestUri, string receivedOn) =>
        Assert.False(SipDigestUri.Matches(Encoding.ASCII.GetBytes(digestUri), s_register), receivedOn);
}
