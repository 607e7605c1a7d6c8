using System.Net;
using System.Text;
using SipSecurity.Server.Transport;
using SipSecurity.Sip.Headers;
using SipSecurity.Sip.Messages;
using SipSecurity.Sip.Parsing;

namespace SipSecurity.Server.Tests.Transport;

public sealed class SipViaStampTests
{
    private static readonly IPEndPoint s_source = new(IPAddress.Parse("192.0.2.7"), 40000);

    [Theory]
    [InlineData("SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bK1", null)]
    [InlineData("SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bK1;received=192.0.2.7", null)]
    [InlineData("SIP/2.0/UDP phone.example.com:5060;branch=z9hG4bK1", "SIP/2.0/UDP phone.example.com:5060;branch=z9hG4bK1;received=192.0.2.7")]
    [InlineData("SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1;rport", "SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1;rport=40000;received=192.0.2.7")]
    [InlineData("SIP/2.0/UDP 192.0.2.7;rport;branch=z9hG4bK1", "SIP/2.0/UDP 192.0.2.7;rport=40000;branch=z9hG4bK1;received=192.0.2.7")]
    [InlineData("SIP/2.0/UDP 10.0.0.1;received=10.9.9.9;branch=z9hG4bK1", "SIP/2.0/UDP 10.0.0.1;received=192.0.2.7;branch=z9hG4bK1")]
    [InlineData("SIP/2.0/UDP 10.0.0.1;rport=1234;branch=z9hG4bK1", "SIP/2.0/UDP 10.0.0.1;rport=1234;branch=z9hG4bK1;received=192.0.2.7")]
    public void Format_adds_received_when_sent_by_differs_and_fills_an_empty_rport(string via, string? expected)
    {
        Assert.Equal(expected, SipViaStamp.Format(SipVia.Parse(Encoding.UTF8.GetBytes(via)), s_source));
    }

    [Fact]
    public void Ipv6_sources_are_written_without_brackets_and_mapped_addresses_as_ipv4()
    {
        var via = SipVia.Parse("SIP/2.0/UDP [2001:db8::1];branch=z9hG4bK1;rport"u8);

        Assert.Equal("SIP/2.0/UDP [2001:db8::1];branch=z9hG4bK1;rport=5062;received=2001:db8::2",
            SipViaStamp.Format(via, new IPEndPoint(IPAddress.Parse("2001:db8::2"), 5062)));
        Assert.Equal("SIP/2.0/UDP [2001:db8::1];branch=z9hG4bK1;rport=5062;received=192.0.2.7",
            SipViaStamp.Format(via, new IPEndPoint(IPAddress.Parse("::ffff:192.0.2.7"), 5062)));
        Assert.Null(SipViaStamp.Format(SipVia.Parse("SIP/2.0/UDP [2001:db8::2]:5060;branch=z9hG4bK1"u8), new IPEndPoint(IPAddress.Parse("2001:db8::2"), 5062)));
    }

    [Fact]
    public void Apply_changes_only_the_top_via_value()
    {
        const string Text =
            "INVITE sip:bob@example.com SIP/2.0\r\n" +
            "v: SIP/2.0/UDP phone.example.com;rport;branch=z9hG4bKtop , SIP/2.0/UDP proxy.example.com;branch=z9hG4bK2\r\n" +
            "Via: SIP/2.0/TCP other.example.com;branch=z9hG4bK3\r\n" +
            "From: <sip:a@example.com>;tag=1\r\nTo: <sip:bob@example.com>\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\n" +
            "Content-Type: text/plain\r\nContent-Length: 4\r\n\r\nbody";
        var request = (SipRequest)SipParser.Parse(Encoding.UTF8.GetBytes(Text).AsSpan(), SipParseMode.Datagram).Message!;

        var stamped = SipViaStamp.Apply(request, s_source, SipParserOptions.Default);

        var expected = Text.Replace("SIP/2.0/UDP phone.example.com;rport;branch=z9hG4bKtop", "SIP/2.0/UDP phone.example.com;rport=40000;branch=z9hG4bKtop;received=192.0.2.7", StringComparison.Ordinal);
        Assert.Equal(expected, Encoding.UTF8.GetString(stamped.RawBytes.Span));
        Assert.Equal(3, stamped.GetVias().Count);
        Assert.Equal("body", Encoding.UTF8.GetString(stamped.Body.Span));
        SipMessageValidator.Validate(stamped);
    }

    [Fact]
    public void Apply_returns_the_same_instance_when_nothing_changes()
    {
        var request = (SipRequest)SipParser.Parse(Encoding.UTF8.GetBytes(TransportFixture.Request("SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bK1")).AsSpan(), SipParseMode.Datagram).Message!;

        Assert.Same(request, SipViaStamp.Apply(request, s_source, SipParserOptions.Default));
    }
}
