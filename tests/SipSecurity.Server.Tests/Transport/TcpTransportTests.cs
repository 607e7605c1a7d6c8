using System.Net;
using System.Net.Sockets;
using System.Text;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Transport;
using SipSecurity.Sip.Messages;

namespace SipSecurity.Server.Tests.Transport;

public sealed class TcpTransportTests
{
    private static string Via(string branch) => $"SIP/2.0/TCP phone.invalid;branch={branch};rport";

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task Message_split_across_writes_is_framed_and_answered_on_the_same_connection(string address)
    {
        await using var f = TransportFixture.Start(null, TransportFixture.Tcp(address));
        using var client = await TransportFixture.TcpClient(f.EndPoint(SipTransportKind.Tcp));
        var bytes = Encoding.UTF8.GetBytes(TransportFixture.Request(Via("z9hG4bKt1"), body: "hello", extra: "Content-Type: text/plain\r\n"));

        // Cut inside the start line, inside the header section and inside the body.
        foreach (var (start, end) in new[] { (0, 10), (10, 120), (120, bytes.Length - 2), (bytes.Length - 2, bytes.Length) })
        {
            await client.SendAsync(bytes.AsMemory(start, end - start));
            await Task.Delay(10);
        }

        var response = (SipResponse)await new SipStreamReader(client).ReadMessage();
        Assert.Equal(200, response.StatusCode);
        var (request, source) = Assert.Single(f.Sink.Requests);
        Assert.Equal("hello", Encoding.UTF8.GetString(request.Body.Span));
        Assert.Equal(IPAddress.Parse(address).ToString(), request.GetTopVia()!.Received);
        Assert.Equal(((IPEndPoint)client.LocalEndPoint!).Port, request.GetTopVia()!.RPort);
        Assert.NotNull(source.Connection);
        Assert.Equal(SipTransportKind.Tcp, source.Transport);
        Assert.Equal(1, f.Counters.Snapshot().ConnectionsAccepted);
        Assert.Equal(1, f.Counters.Snapshot().ConnectionsActive);
    }

    [Fact]
    public async Task Several_messages_in_one_write_are_all_delivered_in_order()
    {
        await using var f = TransportFixture.Start(null, TransportFixture.Tcp());
        using var client = await TransportFixture.TcpClient(f.EndPoint(SipTransportKind.Tcp));
        var batch = string.Concat(Enumerable.Range(1, 3).Select(i => TransportFixture.Request(Via("z9hG4bKm" + i), callId: "call" + i)));

        await client.SendAsync(Encoding.UTF8.GetBytes(batch));

        var reader = new SipStreamReader(client);
        for (var i = 1; i <= 3; i++)
        {
            var response = (SipResponse)await reader.ReadMessage();
            Assert.Equal("call" + i, response.GetCallId());
        }

        Assert.Equal(["call1", "call2", "call3"], f.Sink.Requests.Select(r => r.Request.GetCallId()));
    }

    [Fact]
    public async Task Crlfcrlf_keep_alive_is_answered_with_crlf()
    {
        await using var f = TransportFixture.Start(null, TransportFixture.Tcp());
        using var client = await TransportFixture.TcpClient(f.EndPoint(SipTransportKind.Tcp));
        var reader = new SipStreamReader(client);

        await client.SendAsync("\r\n\r\n"u8.ToArray());
        Assert.Equal("\r\n"u8.ToArray(), await reader.ReadBytes(2));

        // The connection still carries messages afterwards.
        await client.SendAsync(Encoding.UTF8.GetBytes(TransportFixture.Request(Via("z9hG4bKk"))));
        Assert.Equal(200, ((SipResponse)await reader.ReadMessage()).StatusCode);
    }

    [Fact]
    public async Task Oversize_message_is_answered_513_and_closed_and_the_server_still_answers()
    {
        await using var f = TransportFixture.Start(new SipServerSettings { MaxMessageSize = 1_024 }, TransportFixture.Tcp());
        var server = f.EndPoint(SipTransportKind.Tcp);
        using (var client = await TransportFixture.TcpClient(server))
        {
            var big = TransportFixture.Request(Via("z9hG4bKo"), body: new string('x', 4_000), extra: "Content-Type: text/plain\r\n");
            await client.SendAsync(Encoding.UTF8.GetBytes(big));
            var reader = new SipStreamReader(client);
            Assert.Equal(513, ((SipResponse)await reader.ReadMessage()).StatusCode);
            Assert.True(await reader.IsClosedByServer());
        }

        using var next = await TransportFixture.TcpClient(server);
        await next.SendAsync(Encoding.UTF8.GetBytes(TransportFixture.Request(Via("z9hG4bKp"))));
        Assert.Equal(200, ((SipResponse)await new SipStreamReader(next).ReadMessage()).StatusCode);
        Assert.Equal(1, f.Counters.Snapshot().MalformedMessages);
    }

    [Fact]
    public async Task Unframeable_message_is_answered_400_and_closed()
    {
        await using var f = TransportFixture.Start(null, TransportFixture.Tcp());
        using var client = await TransportFixture.TcpClient(f.EndPoint(SipTransportKind.Tcp));
        var noLength = TransportFixture.Request(Via("z9hG4bKn")).Replace("Content-Length: 0\r\n", string.Empty, StringComparison.Ordinal);

        await client.SendAsync(Encoding.UTF8.GetBytes(noLength));

        var reader = new SipStreamReader(client);
        var response = (SipResponse)await reader.ReadMessage();
        Assert.Equal(400, response.StatusCode);
        Assert.Contains("Content-Length", response.ReasonPhrase, StringComparison.Ordinal);
        Assert.True(await reader.IsClosedByServer());
        await TransportFixture.WaitUntil(() => f.Counters.Snapshot().ConnectionsActive == 0, "the connection to be closed");
    }

    [Fact]
    public async Task Invalid_but_framed_request_is_answered_400_and_the_connection_stays()
    {
        await using var f = TransportFixture.Start(null, TransportFixture.Tcp());
        using var client = await TransportFixture.TcpClient(f.EndPoint(SipTransportKind.Tcp));
        var bad = TransportFixture.Request(Via("z9hG4bKv")).Replace("Call-ID: a84b4c76e66710\r\n", string.Empty, StringComparison.Ordinal);

        await client.SendAsync(Encoding.UTF8.GetBytes(bad + TransportFixture.Request(Via("z9hG4bKw"))));

        var reader = new SipStreamReader(client);
        Assert.Equal(400, ((SipResponse)await reader.ReadMessage()).StatusCode);
        Assert.Equal(200, ((SipResponse)await reader.ReadMessage()).StatusCode);
    }

    [Fact]
    public async Task Connections_past_the_per_source_limit_are_refused()
    {
        await using var f = TransportFixture.Start(new SipServerSettings { MaxConnectionsPerSource = 2 }, TransportFixture.Tcp());
        var server = f.EndPoint(SipTransportKind.Tcp);
        using var first = await TransportFixture.TcpClient(server);
        using var second = await TransportFixture.TcpClient(server);
        await TransportFixture.WaitUntil(() => f.Counters.Snapshot().ConnectionsActive == 2, "two accepted connections");

        using var third = await TransportFixture.TcpClient(server);
        Assert.True(await new SipStreamReader(third).IsClosedByServer());
        Assert.Equal(1, f.Counters.Snapshot().ConnectionsRefused);

        // Closing one frees a slot for the source.
        first.Close();
        await TransportFixture.WaitUntil(() => f.Counters.Snapshot().ConnectionsActive == 1, "the first connection to go");
        using var fourth = await TransportFixture.TcpClient(server);
        await fourth.SendAsync(Encoding.UTF8.GetBytes(TransportFixture.Request(Via("z9hG4bKl"))));
        Assert.Equal(200, ((SipResponse)await new SipStreamReader(fourth).ReadMessage()).StatusCode);
    }

    [Fact]
    public async Task Total_connection_limit_refuses_new_connections()
    {
        await using var f = TransportFixture.Start(new SipServerSettings { MaxConnections = 1, MaxConnectionsPerSource = 1 }, TransportFixture.Tcp());
        var server = f.EndPoint(SipTransportKind.Tcp);
        using var first = await TransportFixture.TcpClient(server);
        await TransportFixture.WaitUntil(() => f.Counters.Snapshot().ConnectionsActive == 1, "one accepted connection");

        using var second = await TransportFixture.TcpClient(server);

        Assert.True(await new SipStreamReader(second).IsClosedByServer());
        Assert.Equal(1, f.Counters.Snapshot().ConnectionsRefused);
    }

    [Fact]
    public async Task Idle_connection_is_closed_by_the_sweep()
    {
        await using var f = TransportFixture.Start(new SipServerSettings { ConnectionIdleTimeout = TimeSpan.FromSeconds(1) }, TransportFixture.Tcp());
        using var client = await TransportFixture.TcpClient(f.EndPoint(SipTransportKind.Tcp));
        var started = DateTime.UtcNow;

        Assert.True(await new SipStreamReader(client).IsClosedByServer());

        var elapsed = DateTime.UtcNow - started;
        Assert.InRange(elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(3));
        await TransportFixture.WaitUntil(() => f.Counters.Snapshot().ConnectionsActive == 0, "the counter to drop");
    }

    [Fact]
    public async Task Response_after_the_connection_closed_opens_a_new_one_to_the_sent_by_port()
    {
        await using var f = TransportFixture.Start(null, TransportFixture.Tcp());
        f.Sink.Answer = false;
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var listenPort = ((IPEndPoint)listener.LocalEndPoint!).Port;

        using (var client = await TransportFixture.TcpClient(f.EndPoint(SipTransportKind.Tcp)))
        {
            await client.SendAsync(Encoding.UTF8.GetBytes(TransportFixture.Request($"SIP/2.0/TCP 127.0.0.1:{listenPort};branch=z9hG4bKr")));
            await TransportFixture.WaitUntil(() => !f.Sink.Requests.IsEmpty, "the request");
        }

        var (request, source) = Assert.Single(f.Sink.Requests);
        await TransportFixture.WaitUntil(() => !source.Connection!.IsOpen, "the server to see the close");

        f.Layer.SendResponse(SipSecurity.Sip.Writing.SipResponseBuilder.CreateFor(request, 200).ToArray(), request.GetTopVia()!, source);

        using var cts = new CancellationTokenSource(TransportFixture.Timeout);
        using var accepted = await listener.AcceptAsync(cts.Token);
        var response = (SipResponse)await new SipStreamReader(accepted).ReadMessage();
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("z9hG4bKr", response.GetTopVia()!.Branch);
        Assert.Equal(0, f.Counters.Snapshot().SendFailures);
    }

    [Fact]
    public async Task Concurrent_senders_never_interleave_bytes()
    {
        await using var f = TransportFixture.Start(null, TransportFixture.Tcp());
        f.Sink.Answer = false;
        using var client = await TransportFixture.TcpClient(f.EndPoint(SipTransportKind.Tcp));
        await client.SendAsync(Encoding.UTF8.GetBytes(TransportFixture.Request(Via("z9hG4bKc"))));
        await TransportFixture.WaitUntil(() => !f.Sink.Requests.IsEmpty, "the request");
        var (request, source) = Assert.Single(f.Sink.Requests);
        // 8 x 20 messages of about 1.2 KB stay below the 256 KiB send queue bound even if nothing drains.
        const int Senders = 8, PerSender = 20;
        var body = new string('b', 1_000);

        await Task.WhenAll(Enumerable.Range(0, Senders).Select(s => Task.Run(() =>
        {
            for (var i = 0; i < PerSender; i++)
            {
                var response = SipSecurity.Sip.Writing.SipResponseBuilder.CreateFor(request, 200, "OK " + s + " " + i)
                    .WithBody("text/plain", Encoding.UTF8.GetBytes(body)).ToArray();
                Assert.True(source.Connection!.TrySend(response));
            }
        })));

        var reader = new SipStreamReader(client);
        var seen = new HashSet<string>();
        for (var n = 0; n < Senders * PerSender; n++)
        {
            var response = (SipResponse)await reader.ReadMessage();
            Assert.Equal(body, Encoding.UTF8.GetString(response.Body.Span));
            Assert.True(seen.Add(response.ReasonPhrase));
        }
    }

    [Fact]
    public async Task Stop_accepting_keeps_existing_connections_answering()
    {
        await using var f = TransportFixture.Start(null, TransportFixture.Tcp());
        var server = f.EndPoint(SipTransportKind.Tcp);
        using var client = await TransportFixture.TcpClient(server);

        await f.Layer.StopAcceptingAsync();

        await client.SendAsync(Encoding.UTF8.GetBytes(TransportFixture.Request(Via("z9hG4bKs"))));
        Assert.Equal(200, ((SipResponse)await new SipStreamReader(client).ReadMessage()).StatusCode);
        await Assert.ThrowsAsync<SocketException>(() => TransportFixture.TcpClient(server));
    }
}
