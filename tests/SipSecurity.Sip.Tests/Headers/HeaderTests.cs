using System.Text;
using SipSecurity.Sip.Messages;
using SipSecurity.Sip.Parsing;
using SipSecurity.Sip.Uri;

namespace SipSecurity.Sip.Tests.Headers;

public class HeaderTests
{
    private static SipMessage Parse(string text) => SipParser.Parse(Encoding.UTF8.GetBytes(text).AsSpan(), SipParseMode.Datagram).Message!;

    private static string Request(string headers) => "OPTIONS sip:a@b.example SIP/2.0\r\n" + headers + "\r\n";

    [Theory]
    [InlineData("a", SipHeaderId.AcceptContact)]
    [InlineData("b", SipHeaderId.ReferredBy)]
    [InlineData("c", SipHeaderId.ContentType)]
    [InlineData("e", SipHeaderId.ContentEncoding)]
    [InlineData("f", SipHeaderId.From)]
    [InlineData("i", SipHeaderId.CallId)]
    [InlineData("k", SipHeaderId.Supported)]
    [InlineData("l", SipHeaderId.ContentLength)]
    [InlineData("M", SipHeaderId.Contact)]
    [InlineData("o", SipHeaderId.Event)]
    [InlineData("r", SipHeaderId.ReferTo)]
    [InlineData("s", SipHeaderId.Subject)]
    [InlineData("t", SipHeaderId.To)]
    [InlineData("u", SipHeaderId.AllowEvents)]
    [InlineData("v", SipHeaderId.Via)]
    [InlineData("x", SipHeaderId.SessionExpires)]
    [InlineData("y", SipHeaderId.Identity)]
    [InlineData("CALL-id", SipHeaderId.CallId)]
    [InlineData("www-authenticate", SipHeaderId.WwwAuthenticate)]
    [InlineData("X-Custom", SipHeaderId.Unknown)]
    [InlineData("z", SipHeaderId.Unknown)]
    public void Names_and_compact_forms_classify(string name, SipHeaderId id)
    {
        Assert.Equal(id, SipHeaderNames.Classify(name));
        var m = Parse(Request(name + ": 0\r\n"));
        Assert.Equal(id, m.Headers[0].Id);
    }

    [Fact]
    public void Compact_and_full_forms_are_found_together()
    {
        var m = Parse(Request("v: SIP/2.0/UDP a.example;branch=z9hG4bK1\r\nVia: SIP/2.0/TCP b.example;branch=z9hG4bK2\r\nk: path, outbound\r\nSupported: gruu\r\n"));
        Assert.Equal(["a.example", "b.example"], m.GetVias().Select(v => v.Host));
        Assert.Equal(["path", "outbound", "gruu"], m.GetSupported());
        Assert.Equal(2, m.Headers.GetAll("Via").Count());
        Assert.Equal(2, m.Headers.GetAll("v").Count());
    }

    [Fact]
    public void Folded_lines_are_one_value()
    {
        var m = Parse(Request("Subject: I know you're there,\r\n  pick up the phone\r\n\t and talk to me!\r\nX-Empty:\r\n"));
        Assert.True(m.Headers.TryGetFirst(SipHeaderId.Subject, out var subject));
        Assert.Equal("I know you're there, pick up the phone and talk to me!", subject.GetValue());
        Assert.Equal(string.Empty, m.Headers[1].GetValue());
    }

    [Fact]
    public void Commas_inside_quotes_and_angles_do_not_split()
    {
        var m = Parse(Request("Contact: \"Doe, John\" <sip:jo,hn@a.example;x=1>;q=0.7, <sip:j@b.example>;expires=60, sip:c@c.example\r\n"));
        var contacts = m.GetContacts();
        Assert.Equal(3, contacts.Count);
        Assert.Equal("Doe, John", contacts[0].Address!.DisplayName);
        Assert.Equal(0.7, contacts[0].Q);
        Assert.Equal(60u, contacts[1].Expires);
        Assert.False(contacts[2].Address!.IsNameAddr);
    }

    [Fact]
    public void Contact_wildcard()
    {
        var m = Parse(Request("Contact: *\r\nExpires: 0\r\n"));
        Assert.True(m.GetContacts().Single().IsWildcard);
        Assert.Equal(0u, m.GetExpires());
    }

    [Fact]
    public void Via_with_ipv6_rport_received()
    {
        var m = Parse(Request("Via: SIP/2.0/UDP [2001:db8::9]:5070;branch=z9hG4bKx;rport;received=2001:db8::1\r\nVia: SIP/2.0/TCP host.example;rport=5062;branch=z9hG4bKy\r\n"));
        var vias = m.GetVias();
        Assert.Equal("[2001:db8::9]", vias[0].Host);
        Assert.Equal(SipHostKind.IPv6, vias[0].HostKind);
        Assert.Equal(5070, vias[0].Port);
        Assert.True(vias[0].HasRPort);
        Assert.Null(vias[0].RPort);
        Assert.Equal("2001:db8::1", vias[0].Received);
        Assert.Equal(5062, vias[1].RPort);
        Assert.Null(vias[1].Port);
        Assert.Equal("SIP/2.0", vias[1].Protocol);
    }

    [Fact]
    public void Digest_credentials_are_unescaped_and_typed()
    {
        var m = Parse(Request("Proxy-Authorization: Digest username=\"a\\\"b\", realm=\"r\", nonce=\"n\", uri=\"sip:a@b.example\", response=\"0123\", algorithm=SHA-256, cnonce=\"c\", opaque=\"o\", qop=auth, nc=00000001, userhash=true\r\n"));
        var c = m.GetProxyAuthorizations().Single();
        Assert.True(c.IsDigest);
        Assert.Equal("a\"b", Encoding.UTF8.GetString(c.Username.Span));
        Assert.Equal("r", Encoding.UTF8.GetString(c.Realm.Span));
        Assert.Equal("sip:a@b.example", Encoding.UTF8.GetString(c.Uri.Span));
        Assert.Equal("SHA-256", Encoding.UTF8.GetString(c.Algorithm.Span));
        Assert.Equal("auth", Encoding.UTF8.GetString(c.Qop.Span));
        Assert.Equal("00000001", Encoding.UTF8.GetString(c.NonceCount.Span));
        Assert.Equal("o", Encoding.UTF8.GetString(c.Opaque.Span));
        Assert.Equal("c", Encoding.UTF8.GetString(c.CNonce.Span));
        Assert.True(c.UserHash);
    }

    [Fact]
    public void Repeated_digest_parameter_is_rejected()
    {
        var m = Parse(Request("Authorization: Digest response=\"1\", response=\"2\"\r\n"));
        Assert.Equal(SipParseError.InvalidHeaderValue, Assert.Throws<SipParseException>(() => m.GetAuthorization()).Reason);
    }

    [Fact]
    public void Challenge_round_trips_through_its_header_value()
    {
        var challenge = new SipSecurity.Sip.Headers.SipDigestChallenge { Realm = "bi\"loxi", Nonce = "abc", Algorithm = "SHA-256", Qop = "auth", Stale = true, Opaque = "o" };
        var m = Parse(Request("WWW-Authenticate: " + challenge + "\r\n"));
        var parsed = m.GetWwwAuthenticate().Single();
        Assert.Equal("bi\"loxi", parsed.Realm);
        Assert.Equal("abc", parsed.Nonce);
        Assert.Equal("SHA-256", parsed.Algorithm);
        Assert.Equal("auth", parsed.Qop);
        Assert.True(parsed.Stale);
        Assert.Equal("o", parsed.Opaque);
    }

    [Fact]
    public void Scalars_and_tokens()
    {
        var m = Parse(Request("Max-Forwards: 70\r\nMin-Expires: 60\r\nExpires: 4294967295\r\nRequire: 100rel\r\nAllow: INVITE, ACK ,BYE\r\nCall-ID: abc@[::1]\r\nCSeq: 4294967295 OPTIONS\r\nl: 0\r\n"));
        Assert.Equal(70, m.GetMaxForwards());
        Assert.Equal(60u, m.GetMinExpires());
        Assert.Equal(uint.MaxValue, m.GetExpires());
        Assert.Equal(["100rel"], m.GetRequire());
        Assert.Same(SipMethods.Invite, m.GetAllow()[0]);
        Assert.Equal("abc@[::1]", m.GetCallId());
        Assert.Equal(uint.MaxValue, m.GetCSeq()!.Value.Number);
        Assert.Equal(0, m.GetContentLength());
    }

    [Theory]
    [InlineData("Max-Forwards: 256\r\n")]
    [InlineData("Expires: 4294967296\r\n")]
    [InlineData("CSeq: 4294967296 OPTIONS\r\n")]
    [InlineData("CSeq: OPTIONS\r\n")]
    [InlineData("Call-ID: a b\r\n")]
    [InlineData("Contact: <sip:a@b.example>;expires=x\r\n")]
    [InlineData("Contact: <sip:a@b.example>;q=2\r\n")]
    [InlineData("Via: SIP/2.0/UDP\r\n")]
    [InlineData("Via: SIP/2.0/UDP host.example:port\r\n")]
    [InlineData("From: <sip:a@b.example\r\n")]
    [InlineData("To: \"unterminated <sip:a@b.example>\r\n")]
    [InlineData("Require: a b\r\n")]
    [InlineData("Content-Type: text\r\n")]
    public void Malformed_values_throw_the_parser_exception(string header)
    {
        var m = Parse(Request(header));
        var e = Assert.Throws<SipParseException>(() =>
        {
            _ = m.GetMaxForwards();
            _ = m.GetExpires();
            _ = m.GetCSeq();
            _ = m.GetCallId();
            _ = m.GetContacts();
            _ = m.GetVias();
            _ = m.GetFrom();
            _ = m.GetTo();
            _ = m.GetRequire();
            _ = m.GetContentType();
        });
        Assert.Equal(SipParseError.InvalidHeaderValue, e.Reason);
        Assert.NotNull(e.HeaderName);
    }
}
