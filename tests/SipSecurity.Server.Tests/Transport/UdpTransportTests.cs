using System.Net;
using System.Text;
using SipSecurity.Server.Configuration;

namespace SipSecurity.Server.Tests.Transport;

public sealed class UdpTransportTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task Request_reaches_sink_with_received_and_rport_and_the_response_comes_back_to_the_source_port(string address)
    {
        await using var f = TransportFixture.Start(null, TransportFixture.Udp(address));
        var server = f.EndPoint(SipTransportKind.Udp);
        using var client = TransportFixture.UdpClient(IPAddress.Parse(address));
        var clientPort = ((IPEndPoint)client.LocalEndPoint!).Port;

        // sent-by names a host and a port that are not where the packet came from (a client behind NAT).
        var request = TransportFixture.Request("SIP/2.0/UDP phone.invalid:5999;branch=z9hG4bK1;rport");
        await client.SendToAsync(Encoding.UTF8.GetBytes(request), server);

        var (response, from) = await TransportFixture.ReceiveResponse(client);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal(server, from);
        var (received, source) = Assert.Single(f.Sink.Requests);
        var via = received.GetTopVia()!;
        Assert.Equal(IPAddress.Parse(address).ToString(), via.Received);
        Assert.Equal(clientPort, via.RPort);
        Assert.Equal("z9hG4bK1", via.Branch);
        Assert.Equal(clientPort, source.RemoteEndPoint.Port);
        Assert.Equal(SipTransportKind.Udp, source.Transport);
        Assert.Equal("udp", source.ConnectorName);
        Assert.Null(source.Connection);
    }

    [Fact]
    public async Task Dual_stack_socket_reports_ipv4_sources_as_ipv4()
    {
        await using var f = TransportFixture.Start(null, TransportFixture.Udp("::"));
        var port = f.EndPoint(SipTransportKind.Udp).Port;
        using var client = TransportFixture.UdpClient(IPAddress.Loopback);
        await client.SendToAsync(Encoding.UTF8.GetBytes(TransportFixture.Request("SIP/2.0/UDP phone.invalid;branch=z9hG4bK2;rport")), new IPEndPoint(IPAddress.Loopback, port));

        var (response, _) = await TransportFixture.ReceiveResponse(client);
        Assert.Equal(200, response.StatusCode);
        var (request, source) = Assert.Single(f.Sink.Requests);
        Assert.Equal("127.0.0.1", request.GetTopVia()!.Received);
        Assert.Equal(IPAddress.Loopback, source.RemoteEndPoint.Address);
    }

    [Fact]
    public async Task Sent_by_equal_to_source_without_rport_is_left_unchanged_and_answered_at_the_sent_by_port()
    {
        await using var f = TransportFixture.Start(null, TransportFixture.Udp());
        using var client = TransportFixture.UdpClient(IPAddress.Loopback);
        using var other = TransportFixture.UdpClient(IPAddress.Loopback);
        var otherPort = ((IPEndPoint)other.LocalEndPoint!).Port;

        // RFC 3261 §18.2.2: no rport, so the response goes to the sent-by port, not the packet's source port.
        var request = TransportFixture.Request($"SIP/2.0/UDP 127.0.0.1:{otherPort};branch=z9hG4bK3");
        await client.SendToAsync(Encoding.UTF8.GetBytes(request), f.EndPoint(SipTransportKind.Udp));

        var (response, _) = await TransportFixture.ReceiveResponse(other);
        Assert.Equal(200, response.StatusCode);
        var (received, _) = Assert.Single(f.Sink.Requests);
        Assert.Null(received.GetTopVia()!.Received);
        Assert.Equal(Encoding.UTF8.GetBytes(request), received.RawBytes.ToArray());
    }

    [Fact]
    public async Task Without_rport_the_response_goes_to_received_at_the_sent_by_port()
    {
        await using var f = TransportFixture.Start(null, TransportFixture.Udp());
        using var client = TransportFixture.UdpClient(IPAddress.Loopback);
        using var other = TransportFixture.UdpClient(IPAddress.Loopback);
        var otherPort = ((IPEndPoint)other.LocalEndPoint!).Port;

        await client.SendToAsync(Encoding.UTF8.GetBytes(TransportFixture.Request($"SIP/2.0/UDP phone.invalid:{otherPort};branch=z9hG4bK4")), f.EndPoint(SipTransportKind.Udp));

        var (response, _) = await TransportFixture.ReceiveResponse(other);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("127.0.0.1", response.GetTopVia()!.Received);
    }

    [Fact]
    public async Task Maddr_wins_over_received_and_rport()
    {
        await using var f = TransportFixture.Start(null, TransportFixture.Udp());
        using var client = TransportFixture.UdpClient(IPAddress.Loopback);
        using var other = TransportFixture.UdpClient(IPAddress.Loopback);
        var otherPort = ((IPEndPoint)other.LocalEndPoint!).Port;

        await client.SendToAsync(Encoding.UTF8.GetBytes(TransportFixture.Request($"SIP/2.0/UDP phone.invalid:{otherPort};branch=z9hG4bK5;rport;maddr=127.0.0.1")), f.EndPoint(SipTransportKind.Udp));

        var (response, _) = await TransportFixture.ReceiveResponse(other);
        Assert.Equal(200, response.StatusCode);
    }

    [Fact]
    public async Task Malformed_request_is_answered_400_and_the_loop_keeps_serving()
    {
        await using var f = TransportFixture.Start(null, TransportFixture.Udp());
        var server = f.EndPoint(SipTransportKind.Udp);
        using var client = TransportFixture.UdpClient(IPAddress.Loopback);

        // Framing is fine, the CSeq is not: the validator rejects it.
        var bad = TransportFixture.Request("SIP/2.0/UDP phone.invalid;branch=z9hG4bK6;rport").Replace("CSeq: 1 OPTIONS", "CSeq: x OPTIONS", StringComparison.Ordinal);
        await client.SendToAsync(Encoding.UTF8.GetBytes(bad), server);
        var (error, _) = await TransportFixture.ReceiveResponse(client);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("z9hG4bK6", error.GetTopVia()!.Branch);
        Assert.Equal("a84b4c76e66710", error.GetCallId());
        Assert.NotNull(error.GetTo()!.Tag);

        // Broken before any header (no blank line): unparsable, still answerable from the start line and Via.
        await client.SendToAsync(Encoding.UTF8.GetBytes("OPTIONS sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP phone.invalid;branch=z9hG4bK7;rport\r\nCSeq: 1 OPTIONS\r\n"), server);
        var (truncated, _) = await TransportFixture.ReceiveResponse(client);
        Assert.Equal(400, truncated.StatusCode);

        // Garbage is dropped without an answer.
        await client.SendToAsync("\x01\x02garbage\r\n\r\n"u8.ToArray(), server);

        await client.SendToAsync(Encoding.UTF8.GetBytes(TransportFixture.Request("SIP/2.0/UDP phone.invalid;branch=z9hG4bK8;rport")), server);
        var (ok, _) = await TransportFixture.ReceiveResponse(client);
        Assert.Equal(200, ok.StatusCode);
        Assert.Equal("z9hG4bK8", ok.GetTopVia()!.Branch);

        // Several receive loops run at once: the garbage may still be in another loop when the 200 arrives.
        await TransportFixture.WaitUntil(() => f.Counters.Snapshot().MalformedMessages == 3, "three malformed messages counted");
        Assert.Single(f.Sink.Requests);
    }

    [Fact]
    public async Task Oversize_datagram_is_answered_513()
    {
        await using var f = TransportFixture.Start(new SipServerSettings { MaxMessageSize = 1_024 }, TransportFixture.Udp());
        using var client = TransportFixture.UdpClient(IPAddress.Loopback);
        var big = TransportFixture.Request("SIP/2.0/UDP phone.invalid;branch=z9hG4bK9;rport", body: new string('x', 2_000), extra: "Content-Type: text/plain\r\n");

        await client.SendToAsync(Encoding.UTF8.GetBytes(big), f.EndPoint(SipTransportKind.Udp));

        var (response, _) = await TransportFixture.ReceiveResponse(client);
        Assert.Equal(513, response.StatusCode);
        Assert.Empty(f.Sink.Requests);
    }

    [Fact]
    public async Task Responses_reach_the_sink_and_malformed_responses_are_dropped()
    {
        await using var f = TransportFixture.Start(null, TransportFixture.Udp());
        using var client = TransportFixture.UdpClient(IPAddress.Loopback);
        var server = f.EndPoint(SipTransportKind.Udp);
        var response = "SIP/2.0 180 Ringing\r\nVia: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bKa\r\nFrom: <sip:a@example.com>;tag=1\r\nTo: <sip:b@example.com>;tag=2\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";

        await client.SendToAsync(Encoding.UTF8.GetBytes(response.Replace("CSeq: 1 INVITE", "CSeq: bad", StringComparison.Ordinal)), server);
        await client.SendToAsync(Encoding.UTF8.GetBytes(response), server);

        await TransportFixture.WaitUntil(() => !f.Sink.Responses.IsEmpty, "a response in the sink");
        Assert.Equal(180, Assert.Single(f.Sink.Responses).Response.StatusCode);
        await TransportFixture.WaitUntil(() => f.Counters.Snapshot().MalformedMessages == 1, "the malformed response counted");
    }

    [Fact]
    public async Task Unreachable_destination_counts_a_send_failure_without_throwing()
    {
        await using var f = TransportFixture.Start(null, TransportFixture.Udp());
        var via = SipSecurity.Sip.Headers.SipVia.Parse("SIP/2.0/UDP [::1]:5060;branch=z9hG4bKb"u8);
        var source = new SipSecurity.Server.Transport.SipInboundContext
        {
            Transport = SipTransportKind.Udp,
            ConnectorName = "udp",
            LocalEndPoint = f.EndPoint(SipTransportKind.Udp),
            RemoteEndPoint = new IPEndPoint(IPAddress.IPv6Loopback, 5060),
        };

        // An IPv4 socket cannot reach an IPv6 address.
        f.Layer.SendResponse("SIP/2.0 200 OK\r\n\r\n"u8.ToArray(), via, source);

        Assert.Equal(1, f.Counters.Snapshot().SendFailures);
    }
}
