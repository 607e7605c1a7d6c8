using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Transport;
using SipSecurity.Sip.Messages;
using SipSecurity.Sip.Writing;

namespace SipSecurity.Server.Tests.Transport.Tls;

public sealed class TlsTransportTests
{
    private static string Request(string branch, string callId = "tls-call") => TransportFixture.Request(TlsTransportFixture.Via(branch), callId: callId);

    [Fact]
    public async Task Request_over_tls_reaches_the_sink_as_tls_and_the_200_returns_on_the_same_connection()
    {
        await using var f = TlsTransportFixture.Start();
        using var client = await f.Connect();

        await client.Send(Request("z9hG4bKtls1"));

        var response = (SipResponse)await client.ReadMessage();
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("z9hG4bKtls1", response.GetTopVia()!.Branch);
        var (request, source) = Assert.Single(f.Sink.Requests);
        Assert.Equal(SipTransportKind.Tls, source.Transport);
        Assert.True(source.IsSecure);
        Assert.Equal("tls", source.ConnectorName);
        Assert.NotNull(source.Connection);
        Assert.Null(source.PeerCertificate);
        Assert.Equal("127.0.0.1", request.GetTopVia()!.Received);
        Assert.Equal(((IPEndPoint)client.Socket.LocalEndPoint!).Port, request.GetTopVia()!.RPort);
        Assert.Equal(TestCertificates.Server1.Thumbprint, client.ServerCertificate!.Thumbprint);
        Assert.Equal(1, f.Counters.Snapshot().ConnectionsActive);
        Assert.Equal(0, f.Counters.Snapshot().TlsHandshakesFailed);
    }

    [Fact]
    public async Task Crlfcrlf_keep_alive_over_tls_is_answered_with_crlf()
    {
        await using var f = TlsTransportFixture.Start();
        using var client = await f.Connect();

        await client.Send("\r\n\r\n");
        Assert.Equal("\r\n"u8.ToArray(), await client.ReadBytes(2));

        await client.Send(Request("z9hG4bKka"));
        Assert.Equal(200, ((SipResponse)await client.ReadMessage()).StatusCode);
    }

    [Fact]
    public async Task Several_messages_in_one_record_and_an_invalid_one_are_framed_like_tcp()
    {
        await using var f = TlsTransportFixture.Start();
        using var client = await f.Connect();
        var bad = Request("z9hG4bKbad", "bad").Replace("Call-ID: bad\r\n", string.Empty, StringComparison.Ordinal);

        await client.Send(Request("z9hG4bKm1", "c1") + bad + Request("z9hG4bKm2", "c2"));

        Assert.Equal("c1", ((SipResponse)await client.ReadMessage()).GetCallId());
        Assert.Equal(400, ((SipResponse)await client.ReadMessage()).StatusCode);
        Assert.Equal("c2", ((SipResponse)await client.ReadMessage()).GetCallId());
    }

    [Fact]
    public async Task Unframeable_message_over_tls_is_answered_400_and_closed()
    {
        await using var f = TlsTransportFixture.Start();
        using var client = await f.Connect();

        await client.Send(Request("z9hG4bKn").Replace("Content-Length: 0\r\n", string.Empty, StringComparison.Ordinal));

        Assert.Equal(400, ((SipResponse)await client.ReadMessage()).StatusCode);
        Assert.True(await client.IsClosedByServer());
        await TransportFixture.WaitUntil(() => f.Counters.Snapshot().ConnectionsActive == 0, "the connection to be closed");
    }

    [Fact]
    public async Task Enabled_mode_without_a_client_certificate_fails_the_handshake()
    {
        await using var f = TlsTransportFixture.Start(new TestTlsServerContext(SipClientAuthentication.Enabled));
        using var client = await TlsClient.ConnectAsync(f.EndPoint);

        try
        {
            // TLS 1.2 fails in the handshake; TLS 1.3 may let the client finish and fail at its first read.
            await client.AuthenticateAsync();
            await client.Send(Request("z9hG4bKnocert"));
            Assert.True(await client.IsClosedByServer());
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
        }

        await TransportFixture.WaitUntil(() => f.Counters.Snapshot().TlsHandshakesFailed == 1, "the failed handshake to be counted");
        await TransportFixture.WaitUntil(() => f.Counters.Snapshot().ConnectionsActive == 0, "the connection to be closed");
        Assert.Empty(f.Sink.Requests);
        var logged = Assert.Single(f.Log.Find("TlsHandshakeFailed"));
        Assert.Equal(client.Socket.LocalEndPoint, logged["Remote"]);
        Assert.False(string.IsNullOrEmpty(logged["Error"] as string));
    }

    [Theory]
    [InlineData(SipClientAuthentication.Enabled)]
    [InlineData(SipClientAuthentication.Want)]
    public async Task Trusted_client_certificate_is_the_peer_certificate(SipClientAuthentication mode)
    {
        await using var f = TlsTransportFixture.Start(new TestTlsServerContext(mode));
        using var client = await f.Connect(TestCertificates.TrustedClient);

        await client.Send(Request("z9hG4bKcert"));

        Assert.Equal(200, ((SipResponse)await client.ReadMessage()).StatusCode);
        var (_, source) = Assert.Single(f.Sink.Requests);
        Assert.Equal(TestCertificates.TrustedClient.Thumbprint, source.PeerCertificate?.Thumbprint);
        Assert.Empty(f.Log.Find("ClientCertificateRejected"));
    }

    [Fact]
    public async Task Want_mode_with_an_untrusted_certificate_works_without_a_peer_certificate()
    {
        await using var f = TlsTransportFixture.Start(new TestTlsServerContext(SipClientAuthentication.Want));
        using var client = await f.Connect(TestCertificates.UntrustedClient);

        await client.Send(Request("z9hG4bKwant"));

        Assert.Equal(200, ((SipResponse)await client.ReadMessage()).StatusCode);
        var (_, source) = Assert.Single(f.Sink.Requests);
        Assert.Equal(SipTransportKind.Tls, source.Transport);
        Assert.Null(source.PeerCertificate);
        var logged = Assert.Single(f.Log.Find("ClientCertificateRejected"));
        Assert.Equal(client.Socket.LocalEndPoint, logged["Remote"]);
        Assert.False(string.IsNullOrEmpty(logged["Problem"] as string));
        Assert.Equal(0, f.Counters.Snapshot().TlsHandshakesFailed);
    }

    [Fact]
    public async Task Enabled_mode_refuses_an_untrusted_client_certificate()
    {
        await using var f = TlsTransportFixture.Start(new TestTlsServerContext(SipClientAuthentication.Enabled));
        using var client = await TlsClient.ConnectAsync(f.EndPoint);

        try
        {
            await client.AuthenticateAsync(TestCertificates.UntrustedClient);
            await client.Send(Request("z9hG4bKuntrusted"));
            Assert.True(await client.IsClosedByServer());
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
        }

        await TransportFixture.WaitUntil(() => f.Counters.Snapshot().TlsHandshakesFailed == 1, "the failed handshake to be counted");
        Assert.Empty(f.Sink.Requests);
    }

    [Fact]
    public async Task Handshake_timeout_closes_a_client_that_never_sends_a_client_hello()
    {
        var context = new TestTlsServerContext { HandshakeTimeout = TimeSpan.FromMilliseconds(300) };
        await using var f = TlsTransportFixture.Start(context);
        using var client = await TlsClient.ConnectAsync(f.EndPoint);
        var started = DateTime.UtcNow;

        Assert.True(await client.IsSocketClosedByServer());

        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(3));
        await TransportFixture.WaitUntil(() => f.Counters.Snapshot().ConnectionsActive == 0, "the connection to be released");
        Assert.Equal(1, f.Counters.Snapshot().TlsHandshakesFailed);
        Assert.Contains("did not finish", Assert.Single(f.Log.Find("TlsHandshakeFailed"))["Error"] as string, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_offering_only_tls_1_1_is_refused_while_tls_1_2_is_served()
    {
        await using var f = TlsTransportFixture.Start();

        // The same client code succeeds with TLS 1.2, so the refusal below is the server's protocol policy.
        using (var tls12 = await f.Connect(protocols: SslProtocols.Tls12))
        {
            Assert.Equal(SslProtocols.Tls12, tls12.Stream.SslProtocol);
        }

        using var client = await TlsClient.ConnectAsync(f.EndPoint);
#pragma warning disable SYSLIB0039, CA5397 // TLS 1.1 on purpose: it must be refused.
        await Assert.ThrowsAnyAsync<Exception>(() => client.AuthenticateAsync(protocols: SslProtocols.Tls11));
#pragma warning restore SYSLIB0039, CA5397
        await TransportFixture.WaitUntil(() => f.Counters.Snapshot().TlsHandshakesFailed == 1, "the refused handshake to be counted");
        Assert.Empty(f.Sink.Requests);
    }

    [Fact]
    public async Task Rotated_certificate_serves_new_connections_while_an_existing_one_keeps_answering()
    {
        await using var f = TlsTransportFixture.Start();
        using var before = await f.Connect();
        Assert.Equal(TestCertificates.Server1.Thumbprint, before.ServerCertificate!.Thumbprint);

        f.Context.Certificate = TestCertificates.Server2;

        using var after = await f.Connect();
        Assert.Equal(TestCertificates.Server2.Thumbprint, after.ServerCertificate!.Thumbprint);
        await before.Send(Request("z9hG4bKold", "old"));
        Assert.Equal("old", ((SipResponse)await before.ReadMessage()).GetCallId());
        await after.Send(Request("z9hG4bKnew", "new"));
        Assert.Equal("new", ((SipResponse)await after.ReadMessage()).GetCallId());
    }

    [Fact]
    public async Task A_handshake_waits_for_a_free_slot()
    {
        var context = new TestTlsServerContext { MaxConcurrentHandshakes = 1 };
        await using var f = TlsTransportFixture.Start(context);
        var silent = await TlsClient.ConnectAsync(f.EndPoint);
        await TransportFixture.WaitUntil(() => f.Counters.Snapshot().ConnectionsActive == 1, "the silent connection to hold the slot");

        using var waiting = await TlsClient.ConnectAsync(f.EndPoint);
        var handshake = waiting.AuthenticateAsync();
        await Task.Delay(300);
        Assert.False(handshake.IsCompleted, "The second handshake ran while the only slot was taken.");

        // The silent client goes away: its handshake fails at once and frees the slot.
        silent.Dispose();
        await handshake;
        await waiting.Send(Request("z9hG4bKslot"));
        Assert.Equal(200, ((SipResponse)await waiting.ReadMessage()).StatusCode);
    }

    [Fact]
    public async Task A_connection_waiting_longer_than_the_handshake_timeout_for_its_turn_is_closed()
    {
        var context = new TestTlsServerContext { MaxConcurrentHandshakes = 1, HandshakeTimeout = TimeSpan.FromMilliseconds(500) };
        await using var f = TlsTransportFixture.Start(context);

        // Two silent clients take the slot one after the other, for a full timeout each. The second comes a half
        // timeout later, so that it is still waiting (not timed out) when the first gives the slot up at 500 ms.
        using var first = await TlsClient.ConnectAsync(f.EndPoint);
        await TransportFixture.WaitUntil(() => f.Counters.Snapshot().ConnectionsActive == 1, "the first connection");
        await Task.Delay(250);
        using var second = await TlsClient.ConnectAsync(f.EndPoint);
        await TransportFixture.WaitUntil(() => f.Counters.Snapshot().ConnectionsActive == 2, "the second connection");

        // A real client queued behind the second would get its turn at about 1,000 ms; its wait ends at about 750 ms.
        using var third = await TlsClient.ConnectAsync(f.EndPoint);
        await Assert.ThrowsAnyAsync<Exception>(() => third.AuthenticateAsync());

        await TransportFixture.WaitUntil(() => f.Counters.Snapshot().TlsHandshakesFailed == 3, "three failed handshakes");
        Assert.Contains(f.Log.Find("TlsHandshakeFailed"), e => (e["Error"] as string)!.StartsWith("No handshake slot", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tls_and_tcp_connections_share_the_per_source_limit()
    {
        await using var f = TlsTransportFixture.Start(settings: new SipServerSettings { MaxConnectionsPerSource = 1 }, withTcp: true);
        using var tcp = await TransportFixture.TcpClient(f.Layer.Endpoints.First(e => e.Transport == SipTransportKind.Tcp).EndPoint);
        await TransportFixture.WaitUntil(() => f.Counters.Snapshot().ConnectionsActive == 1, "the TCP connection");

        using var client = await TlsClient.ConnectAsync(f.EndPoint);

        Assert.True(await client.IsSocketClosedByServer());
        Assert.Equal(1, f.Counters.Snapshot().ConnectionsRefused);
        Assert.Equal(0, f.Counters.Snapshot().TlsHandshakesFailed);
    }

    [Fact]
    public async Task Response_after_the_tls_connection_closed_is_counted_as_a_send_failure()
    {
        await using var f = TlsTransportFixture.Start();
        f.Sink.Answer = false;
        using (var client = await f.Connect())
        {
            await client.Send(Request("z9hG4bKgone"));
            await TransportFixture.WaitUntil(() => !f.Sink.Requests.IsEmpty, "the request");
        }

        var (request, source) = Assert.Single(f.Sink.Requests);
        await TransportFixture.WaitUntil(() => f.Layer.Connections.Count == 0, "the server to see the close");

        f.Layer.SendResponse(SipResponseBuilder.CreateFor(request, 200).ToArray(), request.GetTopVia()!, source);

        // RFC 3261 §18.2.2 would open a new connection; none is opened for TLS yet.
        Assert.Equal(1, f.Counters.Snapshot().SendFailures);
        var logged = Assert.Single(f.Log.Find("SendFailed"));
        Assert.Equal(SipTransportKind.Tls, logged["Transport"]);
        Assert.Equal(0, f.Layer.Connections.Count);
        Assert.Equal(1, f.Counters.Snapshot().ConnectionsAccepted);
    }

    [Fact]
    public async Task Stop_accepting_keeps_tls_connections_answering()
    {
        await using var f = TlsTransportFixture.Start();
        using var client = await f.Connect();

        await f.Layer.StopAcceptingAsync();

        await client.Send(Request("z9hG4bKstop"));
        Assert.Equal(200, ((SipResponse)await client.ReadMessage()).StatusCode);
        await Assert.ThrowsAsync<SocketException>(() => TlsClient.ConnectAsync(f.EndPoint));
    }

    [Fact]
    public async Task Dispose_closes_the_listener_open_connections_and_handshakes_in_progress()
    {
        var f = TlsTransportFixture.Start();
        var port = f.EndPoint.Port;
        using var open = await f.Connect();
        using var handshaking = await TlsClient.ConnectAsync(f.EndPoint);
        await TransportFixture.WaitUntil(() => f.Counters.Snapshot().ConnectionsActive == 2, "both connections");

        await f.DisposeAsync();

        Assert.True(await open.IsClosedByServer());
        Assert.True(await handshaking.IsSocketClosedByServer());
        Assert.Equal(0, f.Counters.Snapshot().ConnectionsActive);
        Assert.Equal(0, f.Counters.Snapshot().TlsHandshakesFailed);
        using var rebind = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        rebind.Bind(new IPEndPoint(IPAddress.Loopback, port));
    }

    [Fact]
    public async Task Ipv6_loopback_serves_tls()
    {
        await using var f = TlsTransportFixture.Start();
        await f.Layer.DisposeAsync();
        var sink = new RecordingSink();
        await using var layer = new SipTransportLayer(sink, new SipServerSettings(), SipSecurity.Server.Hosting.NullSipServerLog.Instance, new SipSecurity.Server.Hosting.SipServerCounters(), new TestTlsServerContext());
        sink.Sender = layer;
        layer.Start([TlsTransportFixture.Tls("::1")]);
        using var client = await TlsClient.ConnectAsync(layer.Endpoints[0].EndPoint);
        await client.AuthenticateAsync();

        await client.Send(Request("z9hG4bKv6"));

        Assert.Equal(200, ((SipResponse)await client.ReadMessage()).StatusCode);
        Assert.Equal(IPAddress.IPv6Loopback, Assert.Single(sink.Requests).Source.RemoteEndPoint.Address);
    }
}
