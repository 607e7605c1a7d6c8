using System.Net;
using System.Net.Sockets;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Hosting;
using SipSecurity.Server.Transport;

namespace SipSecurity.Server.Tests.Transport.Tls;

public sealed class TlsTransportLifecycleTests
{
    private static int FreeTcpPort()
    {
        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)s.LocalEndPoint!).Port;
    }

    [Fact]
    public async Task Tls_connector_without_a_context_throws_TlsNotConfigured_before_anything_binds()
    {
        var tcpPort = FreeTcpPort();
        await using var layer = new SipTransportLayer(new RecordingSink(), new SipServerSettings(), NullSipServerLog.Instance, new SipServerCounters());

        var e = Assert.Throws<SipSecurityException>(() => layer.Start(
        [
            new SipConnector { Name = "t", Transport = SipTransportKind.Tcp, Address = "127.0.0.1", Port = tcpPort },
            TlsTransportFixture.Tls(),
        ]));

        Assert.Equal("TlsNotConfigured", e.ErrorId);
        Assert.Equal(SipErrorKind.InvalidOperation, e.Kind);
        Assert.Contains("'tls'", e.Message, StringComparison.Ordinal);
        Assert.Empty(layer.Endpoints);
        using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        tcp.Bind(new IPEndPoint(IPAddress.Loopback, tcpPort));
    }

    [Theory]
    [InlineData(SipTransportKind.Ws)]
    [InlineData(SipTransportKind.Wss)]
    public async Task WebSocket_connectors_stay_refused_with_a_tls_context(SipTransportKind transport)
    {
        await using var layer = new SipTransportLayer(new RecordingSink(), new SipServerSettings(), NullSipServerLog.Instance, new SipServerCounters(), new TestTlsServerContext());

        var e = Assert.Throws<SipSecurityException>(() => layer.Start([new SipConnector { Name = "w", Transport = transport, Address = "127.0.0.1", Port = 0 }]));

        Assert.Equal("TransportNotSupported", e.ErrorId);
    }

    [Fact]
    public async Task Tls_port_in_use_throws_PortInUse_and_leaves_nothing_bound()
    {
        using var taken = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        taken.Listen();
        var takenPort = ((IPEndPoint)taken.LocalEndPoint!).Port;
        var freePort = FreeTcpPort();
        await using var layer = new SipTransportLayer(new RecordingSink(), new SipServerSettings(), NullSipServerLog.Instance, new SipServerCounters(), new TestTlsServerContext());

        var e = Assert.Throws<SipSecurityException>(() => layer.Start(
        [
            new SipConnector { Name = "a", Transport = SipTransportKind.Tls, Address = "127.0.0.1", Port = freePort },
            new SipConnector { Name = "b", Transport = SipTransportKind.Tls, Address = "127.0.0.1", Port = takenPort },
        ]));

        Assert.Equal("PortInUse", e.ErrorId);
        Assert.Contains($"TLS 127.0.0.1 port {takenPort}", e.Message, StringComparison.Ordinal);
        Assert.Empty(layer.Endpoints);
        using var again = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        again.Bind(new IPEndPoint(IPAddress.Loopback, freePort));
    }

    [Fact]
    public void A_context_allowing_no_handshakes_is_rejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new SipTransportLayer(new RecordingSink(), new SipServerSettings(), NullSipServerLog.Instance,
            new SipServerCounters(), new TestTlsServerContext { MaxConcurrentHandshakes = 0 }));

        Assert.Contains("MaxConcurrentHandshakes", e.Message, StringComparison.Ordinal);
    }
}
