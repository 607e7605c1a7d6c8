using System.Text;
using SipSecurity.Server.Transport;
using SipSecurity.Sip.Headers;

namespace SipSecurity.Server.Tests.Transport;

public sealed class SipResponseRouteTests
{
    [Theory]
    [InlineData("SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1", "192.0.2.1", 5060)]
    [InlineData("SIP/2.0/UDP 192.0.2.1:5070;branch=z9hG4bK1", "192.0.2.1", 5070)]
    [InlineData("SIP/2.0/UDP h.example.com:5070;branch=z9hG4bK1;received=192.0.2.9", "192.0.2.9", 5070)]
    [InlineData("SIP/2.0/UDP h.example.com:5070;branch=z9hG4bK1;received=192.0.2.9;rport=6000", "192.0.2.9", 6000)]
    [InlineData("SIP/2.0/UDP h.example.com:5070;branch=z9hG4bK1;received=192.0.2.9;rport=6000;maddr=239.1.1.1", "239.1.1.1", 5070)]
    [InlineData("SIP/2.0/UDP h.example.com;maddr=239.1.1.1", "239.1.1.1", 5060)]
    [InlineData("SIP/2.0/UDP [2001:db8::1];received=2001:db8::9;rport=7000", "2001:db8::9", 7000)]
    public void Unreliable(string via, string host, int port)
    {
        Assert.Equal((host, port), SipResponseRoute.ForUnreliable(SipVia.Parse(Encoding.UTF8.GetBytes(via))));
    }

    [Theory]
    [InlineData("SIP/2.0/TCP h.example.com;branch=z9hG4bK1;received=192.0.2.9", "192.0.2.9", 5060)]
    [InlineData("SIP/2.0/TCP h.example.com:5070;branch=z9hG4bK1;received=192.0.2.9", "192.0.2.9", 5070)]
    [InlineData("SIP/2.0/TCP h.example.com:5070;received=192.0.2.9;rport=6000;maddr=239.1.1.1", "192.0.2.9", 6000)]
    [InlineData("SIP/2.0/TCP 192.0.2.1:5080;branch=z9hG4bK1", "192.0.2.1", 5080)]
    public void New_connection(string via, string host, int port)
    {
        Assert.Equal((host, port), SipResponseRoute.ForNewConnection(SipVia.Parse(Encoding.UTF8.GetBytes(via))));
    }
}
