using SipSecurity.Sip.Parsing;
using SipSecurity.Sip.Uri;

namespace SipSecurity.Sip.Tests.Uri;

public class SipUriComparisonTests
{
    // RFC 3261 §19.1.4, the equivalent pairs.
    [Theory]
    [InlineData("sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanTa.CoM;Transport=tcp")]
    [InlineData("sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5")]
    [InlineData("sip:carol@chicago.com", "sip:carol@chicago.com;security=on")]
    [InlineData("sip:carol@chicago.com;newparam=5", "sip:carol@chicago.com;security=on")]
    [InlineData("sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com", "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com")]
    [InlineData("sip:alice@atlanta.com?subject=project%20x&priority=urgent", "sip:alice@atlanta.com?priority=urgent&subject=project%20x")]
    [InlineData("SIP:alice@[2001:db8::1]:5060", "sip:alice@[2001:DB8:0:0::1]:5060")]
    public void Equivalent_uris(string a, string b)
    {
        var ua = SipUri.Parse(a);
        var ub = SipUri.Parse(b);
        Assert.True(ua.Equals(ub));
        Assert.True(ub.Equals(ua));
        Assert.Equal(ua.GetHashCode(), ub.GetHashCode());
    }

    // RFC 3261 §19.1.4, the non-equivalent pairs.
    [Theory]
    [InlineData("SIP:ALICE@AtLanTa.CoM;Transport=udp", "sip:alice@AtLanTa.CoM;Transport=UDP")]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com:5060")]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp")]
    [InlineData("sip:bob@biloxi.com", "sip:bob@biloxi.com:6000;transport=tcp")]
    [InlineData("sip:carol@chicago.com", "sip:carol@chicago.com?Subject=next%20meeting")]
    [InlineData("sip:bob@phone21.boxesbybob.com", "sip:bob@192.0.2.4")]
    [InlineData("sip:carol@chicago.com;security=on", "sip:carol@chicago.com;security=off")]
    [InlineData("sip:alice@atlanta.com", "sips:alice@atlanta.com")]
    [InlineData("sip:a%3Bb@atlanta.com", "sip:a;b@atlanta.com")]
    public void Different_uris(string a, string b)
    {
        Assert.False(SipUri.Parse(a).Equals(SipUri.Parse(b)));
        Assert.False(SipUri.Parse(b).Equals(SipUri.Parse(a)));
    }

    [Fact]
    public void Parses_components()
    {
        var uri = SipUri.Parse("sips:alice:secret@[2001:db8::10]:5061;transport=tls;lr;maddr=[2001:db8::1]?Subject=hi&Priority=urgent");
        Assert.Equal(SipUriScheme.Sips, uri.Scheme);
        Assert.Equal("alice", uri.User);
        Assert.Equal("secret", uri.Password);
        Assert.Equal("[2001:db8::10]", uri.Host);
        Assert.Equal(SipHostKind.IPv6, uri.HostKind);
        Assert.Equal(5061, uri.Port);
        Assert.Equal("tls", uri.Transport);
        Assert.True(uri.IsLooseRouting);
        Assert.Equal("[2001:db8::1]", uri.MAddr);
        Assert.Equal(2, uri.Headers.Count);

        var ipv4 = SipUri.Parse("sip:192.0.2.4");
        Assert.Equal(SipHostKind.IPv4, ipv4.HostKind);
        Assert.Null(ipv4.User);

        var tel = SipUri.Parse("tel:+1-201-555-0123;phone-context=example.com");
        Assert.Equal(SipUriScheme.Tel, tel.Scheme);
        Assert.Equal(SipUri.Parse("tel:+12015550123;phone-context=example.com"), tel);
    }

    [Theory]
    [InlineData("sip:")]
    [InlineData("sip:@host.example")]
    [InlineData("sip:user@")]
    [InlineData("sip:user@host.example:99999")]
    [InlineData("sip:user@host.example:")]
    [InlineData("sip:user@[::1")]
    [InlineData("sip:user@[zz::1]")]
    [InlineData("sip:user@host.example;=x")]
    [InlineData("sip:user@host.example;a=")]
    [InlineData("sip:us er@host.example")]
    [InlineData("sip:user@host.example;x=%G1")]
    [InlineData("sip:user@host_name.example")]
    [InlineData("sip:user@123")]
    [InlineData("1sip:user@host")]
    [InlineData("nocolon")]
    public void Malformed_uris_throw_the_parser_exception(string text)
    {
        var e = Assert.Throws<SipParseException>(() => SipUri.Parse(text));
        Assert.Equal(SipParseError.InvalidUri, e.Reason);
        Assert.False(SipUri.TryParse(text, out _));
    }
}
