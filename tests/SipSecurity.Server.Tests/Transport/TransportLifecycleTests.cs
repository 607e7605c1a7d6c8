using System.Net;
using System.Net.Sockets;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Hosting;
using SipSecurity.Server.Transport;

namespace SipSecurity.Server.Tests.Transport;

public sealed class TransportLifecycleTests
{
    private static SipTransportLayer NewLayer() => new(new RecordingSink(), new SipServerSettings(), NullSipServerLog.Instance, new SipServerCounters());

    private static int FreePort(SocketType type)
    {
        using var s = new Socket(AddressFamily.InterNetwork, type, type == SocketType.Dgram ? ProtocolType.Udp : ProtocolType.Tcp);
        s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)s.LocalEndPoint!).Port;
    }

    [Fact]
    public async Task Endpoints_report_the_ports_the_os_chose()
    {
        await using var f = TransportFixture.Start(null, TransportFixture.Udp(), TransportFixture.Tcp("::1"));

        Assert.Collection(f.Layer.Endpoints,
            u =>
            {
                Assert.Equal(("udp", SipTransportKind.Udp, IPAddress.Loopback), (u.ConnectorName, u.Transport, u.EndPoint.Address));
                Assert.NotEqual(0, u.EndPoint.Port);
            },
            t =>
            {
                Assert.Equal(("tcp", SipTransportKind.Tcp, IPAddress.IPv6Loopback), (t.ConnectorName, t.Transport, t.EndPoint.Address));
                Assert.NotEqual(0, t.EndPoint.Port);
            });
    }

    [Theory]
    [InlineData(SocketType.Dgram)]
    [InlineData(SocketType.Stream)]
    public async Task Port_in_use_throws_PortInUse_and_leaves_nothing_bound(SocketType type)
    {
        using var taken = new Socket(AddressFamily.InterNetwork, type, type == SocketType.Dgram ? ProtocolType.Udp : ProtocolType.Tcp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        if (type == SocketType.Stream)
        {
            taken.Listen();
        }

        var takenPort = ((IPEndPoint)taken.LocalEndPoint!).Port;
        var freeUdp = FreePort(SocketType.Dgram);
        var freeTcp = FreePort(SocketType.Stream);
        var transport = type == SocketType.Dgram ? SipTransportKind.Udp : SipTransportKind.Tcp;
        await using var layer = NewLayer();

        var e = Assert.Throws<SipSecurityException>(() => layer.Start(
        [
            new SipConnector { Name = "a", Transport = SipTransportKind.Udp, Address = "127.0.0.1", Port = freeUdp },
            new SipConnector { Name = "b", Transport = SipTransportKind.Tcp, Address = "127.0.0.1", Port = freeTcp },
            new SipConnector { Name = "c", Transport = transport, Address = "127.0.0.1", Port = takenPort },
        ]));

        Assert.Equal("PortInUse", e.ErrorId);
        Assert.Equal(SipErrorKind.ResourceUnavailable, e.Kind);
        Assert.Contains($"127.0.0.1 port {takenPort}", e.Message, StringComparison.Ordinal);
        Assert.Contains(transport.ToString().ToUpperInvariant(), e.Message, StringComparison.Ordinal);
        Assert.Empty(layer.Endpoints);

        // What was bound before the failure is closed again.
        using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        udp.Bind(new IPEndPoint(IPAddress.Loopback, freeUdp));
        using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        tcp.Bind(new IPEndPoint(IPAddress.Loopback, freeTcp));
        tcp.Listen();
    }

    [Theory]
    [InlineData("192.0.2.1")]
    [InlineData("not-an-address")]
    public async Task Address_not_on_this_machine_throws_AddressNotAvailable(string address)
    {
        await using var layer = NewLayer();

        var e = Assert.Throws<SipSecurityException>(() => layer.Start([new SipConnector { Name = "x", Transport = SipTransportKind.Udp, Address = address, Port = 0 }]));

        Assert.Equal("AddressNotAvailable", e.ErrorId);
        Assert.Contains(address, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsupported_transport_is_rejected_before_anything_binds()
    {
        var port = FreePort(SocketType.Dgram);
        await using var layer = NewLayer();

        var e = Assert.Throws<SipSecurityException>(() => layer.Start(
        [
            new SipConnector { Name = "u", Transport = SipTransportKind.Udp, Address = "127.0.0.1", Port = port },
            new SipConnector { Name = "w", Transport = SipTransportKind.Ws, Address = "127.0.0.1", Port = 0 },
        ]));

        Assert.Equal("TransportNotSupported", e.ErrorId);
        using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        udp.Bind(new IPEndPoint(IPAddress.Loopback, port));
    }

    [Fact]
    public async Task Dispose_closes_listeners_and_connections()
    {
        var f = TransportFixture.Start(null, TransportFixture.Udp(), TransportFixture.Tcp());
        var udpPort = f.EndPoint(SipTransportKind.Udp).Port;
        var tcpPort = f.EndPoint(SipTransportKind.Tcp).Port;
        using var client = await TransportFixture.TcpClient(new IPEndPoint(IPAddress.Loopback, tcpPort));
        await TransportFixture.WaitUntil(() => f.Counters.Snapshot().ConnectionsActive == 1, "the connection");

        await f.DisposeAsync();

        Assert.True(await new SipStreamReader(client).IsClosedByServer());
        Assert.Equal(0, f.Counters.Snapshot().ConnectionsActive);
        using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        udp.Bind(new IPEndPoint(IPAddress.Loopback, udpPort));
        using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        tcp.Bind(new IPEndPoint(IPAddress.Loopback, tcpPort));
    }
}
