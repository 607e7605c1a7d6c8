using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Hosting;
using SipSecurity.Server.Transport;
using SipSecurity.Sip.Messages;
using SipSecurity.Sip.Parsing;
using SipSecurity.Sip.Writing;

namespace SipSecurity.Server.Tests.Transport;

/// <summary>A sink that records what arrives and, unless told otherwise, answers every request 200 through SendResponse.</summary>
internal sealed class RecordingSink : ISipMessageSink
{
    public ConcurrentQueue<(SipRequest Request, SipInboundContext Source)> Requests { get; } = new();

    public ConcurrentQueue<(SipResponse Response, SipInboundContext Source)> Responses { get; } = new();

    public ISipResponseSender? Sender { get; set; }

    public bool Answer { get; set; } = true;

    public void OnRequest(SipRequest request, SipInboundContext source)
    {
        Requests.Enqueue((request, source));
        if (Answer && Sender is not null)
        {
            var response = SipResponseBuilder.CreateFor(request, 200).ToArray();
            Sender.SendResponse(response, request.GetTopVia()!, source);
        }
    }

    public void OnResponse(SipResponse response, SipInboundContext source) => Responses.Enqueue((response, source));
}

/// <summary>A started transport layer on loopback with port 0, plus helpers to talk to it.</summary>
internal sealed class TransportFixture : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private TransportFixture(SipTransportLayer layer, RecordingSink sink, SipServerCounters counters)
    {
        Layer = layer;
        Sink = sink;
        Counters = counters;
    }

    public SipTransportLayer Layer { get; }

    public RecordingSink Sink { get; }

    public SipServerCounters Counters { get; }

    public static TransportFixture Start(SipServerSettings? settings = null, params SipConnector[] connectors)
    {
        var sink = new RecordingSink();
        var counters = new SipServerCounters();
        var layer = new SipTransportLayer(sink, settings ?? new SipServerSettings(), NullSipServerLog.Instance, counters);
        sink.Sender = layer;
        layer.Start(connectors);
        return new TransportFixture(layer, sink, counters);
    }

    public static SipConnector Udp(string address = "127.0.0.1") => new() { Name = "udp", Transport = SipTransportKind.Udp, Address = address, Port = 0 };

    public static SipConnector Tcp(string address = "127.0.0.1") => new() { Name = "tcp", Transport = SipTransportKind.Tcp, Address = address, Port = 0 };

    public IPEndPoint EndPoint(SipTransportKind transport) => Layer.Endpoints.First(e => e.Transport == transport).EndPoint;

    public async ValueTask DisposeAsync() => await Layer.DisposeAsync();

    public static string Request(string via, string method = "OPTIONS", string callId = "a84b4c76e66710", string? extra = null, string body = "")
        => $"{method} sip:bob@example.com SIP/2.0\r\n" +
           $"Via: {via}\r\n" +
           "Max-Forwards: 70\r\n" +
           "From: Alice <sip:alice@example.com>;tag=1928301774\r\n" +
           "To: Bob <sip:bob@example.com>\r\n" +
           $"Call-ID: {callId}\r\n" +
           $"CSeq: 1 {method}\r\n" +
           extra +
           $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n" +
           "\r\n" + body;

    /// <summary>Waits until <paramref name="condition"/> holds, polling; fails after <see cref="Timeout"/>.</summary>
    public static async Task WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for: " + what);
            await Task.Delay(5);
        }
    }

    public static async Task<(SipResponse Response, IPEndPoint From)> ReceiveResponse(Socket udp)
    {
        using var cts = new CancellationTokenSource(Timeout);
        var buffer = new byte[65_536];
        var result = await udp.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(udp.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0), cts.Token);
        var message = SipParser.Parse(buffer.AsSpan(0, result.ReceivedBytes), SipParseMode.Datagram).Message!;
        return ((SipResponse)message, (IPEndPoint)result.RemoteEndPoint);
    }

    public static Socket UdpClient(IPAddress address)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(address, 0));
        return socket;
    }

    public static async Task<Socket> TcpClient(IPEndPoint server)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(server);
        return socket;
    }
}

/// <summary>Reads SIP messages (and bare CRLFs) from a TCP socket, with a timeout.</summary>
internal sealed class SipStreamReader
{
    private readonly List<byte> _buffer = [];
    private readonly Stream _stream;

    /// <summary>Reads a plain TCP socket (which stays the caller's).</summary>
    public SipStreamReader(Socket socket)
        : this(new NetworkStream(socket, ownsSocket: false))
    {
    }

    /// <summary>Reads any stream: a NetworkStream, or the SslStream of a TLS client.</summary>
    public SipStreamReader(Stream stream) => _stream = stream;

    /// <summary>The next message; keep-alive CRLFs before it are skipped.</summary>
    public async Task<SipMessage> ReadMessage()
    {
        while (true)
        {
            var bytes = _buffer.ToArray();
            var result = SipParser.Parse(bytes.AsSpan(), SipParseMode.Stream);
            if (result.Status != SipParseStatus.Incomplete)
            {
                _buffer.RemoveRange(0, (int)result.Consumed);
                if (result.Status == SipParseStatus.Complete)
                {
                    return result.Message!;
                }

                continue;
            }

            Assert.True(await Fill(), "Connection closed before a whole message arrived.");
        }
    }

    /// <summary>Exactly <paramref name="count"/> raw bytes.</summary>
    public async Task<byte[]> ReadBytes(int count)
    {
        while (_buffer.Count < count)
        {
            Assert.True(await Fill(), "Connection closed early.");
        }

        var bytes = _buffer.GetRange(0, count).ToArray();
        _buffer.RemoveRange(0, count);
        return bytes;
    }

    /// <summary>True when the server closes the connection (reads return 0 or reset) within the timeout.</summary>
    public async Task<bool> IsClosedByServer()
    {
        try
        {
            while (await Fill())
            {
            }

            return true;
        }
        catch (Exception e) when (e is IOException or SocketException or System.Security.Authentication.AuthenticationException)
        {
            // End of stream, a reset, or a TLS alert.
            return true;
        }
    }

    private async Task<bool> Fill()
    {
        using var cts = new CancellationTokenSource(TransportFixture.Timeout);
        var chunk = new byte[8_192];
        var n = await _stream.ReadAsync(chunk, cts.Token);
        _buffer.AddRange(chunk.AsSpan(0, n));
        return n > 0;
    }
}
