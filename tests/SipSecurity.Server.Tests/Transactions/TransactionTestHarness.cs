using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Hosting;
using SipSecurity.Server.Transactions;
using SipSecurity.Server.Transport;
using SipSecurity.Sip.Headers;
using SipSecurity.Sip.Messages;
using SipSecurity.Sip.Parsing;
using SipSecurity.Sip.Writing;

namespace SipSecurity.Server.Tests.Transactions;

/// <summary>A layer on fake time with a recording sender, TU and log.</summary>
internal sealed class TransactionTestHarness : IDisposable
{
    public static readonly SipInboundContext Udp = Context(SipTransportKind.Udp);
    public static readonly SipInboundContext Tcp = Context(SipTransportKind.Tcp);

    public TransactionTestHarness(Action<SipServerTransaction>? onRequest = null)
    {
        User = new RecordingUser(onRequest);
        Sender = new RecordingSender(Time);
        Layer = new SipTransactionLayer(Sender, User, Log, Counters, SipTimerSettings.Default, Time);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public RecordingSender Sender { get; }

    public RecordingUser User { get; }

    public RecordingLog Log { get; } = new();

    public SipServerCounters Counters { get; } = new();

    public SipTransactionLayer Layer { get; }

    /// <summary>Advances fake time in ticks, so that the layer's timer sees every intermediate instant.</summary>
    public void Advance(int milliseconds)
    {
        var tick = (int)Layer.Timers.Tick.TotalMilliseconds;
        for (var left = milliseconds; left > 0; left -= tick)
        {
            Time.Advance(TimeSpan.FromMilliseconds(Math.Min(tick, left)));
        }
    }

    public void Receive(SipRequest request, SipInboundContext? source = null) => Layer.OnRequest(request, source ?? Udp);

    public static SipResponse Response(SipServerTransaction transaction, int status, string? toTag = null)
        => SipResponseBuilder.CreateFor(transaction.Request, status, toTag: toTag).Build();

    public static SipRequest Request(
        string method,
        string? branch = "z9hG4bK-1",
        string sentBy = "192.0.2.10:5060",
        uint cseq = 1,
        string? cseqMethod = null,
        string callId = "call-1@client",
        string? toTag = null,
        string fromTag = "from-1",
        string uri = "sip:example.com",
        string transport = "UDP")
    {
        var via = $"SIP/2.0/{transport} {sentBy}" + (branch is null ? string.Empty : ";branch=" + branch);
        var text =
            $"{method} {uri} SIP/2.0\r\n" +
            $"Via: {via}\r\n" +
            "Max-Forwards: 70\r\n" +
            $"From: <sip:alice@example.com>;tag={fromTag}\r\n" +
            "To: <sip:alice@example.com>" + (toTag is null ? string.Empty : ";tag=" + toTag) + "\r\n" +
            $"Call-ID: {callId}\r\n" +
            $"CSeq: {cseq} {cseqMethod ?? method}\r\n" +
            "Content-Length: 0\r\n\r\n";
        var result = SipParser.Parse(new ReadOnlyMemory<byte>(Encoding.ASCII.GetBytes(text)), SipParseMode.Datagram);
        return (SipRequest)result.Message!;
    }

    public void Dispose() => Layer.Dispose();

    private static SipInboundContext Context(SipTransportKind transport) => new()
    {
        Transport = transport,
        ConnectorName = "test",
        LocalEndPoint = new IPEndPoint(IPAddress.Loopback, 5060),
        RemoteEndPoint = new IPEndPoint(IPAddress.Parse("192.0.2.10"), 5060),
    };
}

internal sealed record SentResponse(byte[] Bytes, SipVia Via, SipInboundContext Source, long AtMs)
{
    public SipResponse Parsed => (SipResponse)SipParser.Parse(new ReadOnlyMemory<byte>(Bytes), SipParseMode.Datagram).Message!;

    public int Status => Parsed.StatusCode;

    public string CSeqMethod => Parsed.GetCSeq()!.Value.Method;
}

internal sealed class RecordingSender(TimeProvider time) : ISipResponseSender
{
    private readonly long _start = time.GetTimestamp();

    public ConcurrentQueue<SentResponse> Sent { get; } = new();

    public IReadOnlyList<int> Statuses => Sent.Select(s => s.Status).ToList();

    public void SendResponse(ReadOnlyMemory<byte> response, SipVia requestTopVia, SipInboundContext source)
        => Sent.Enqueue(new SentResponse(response.ToArray(), requestTopVia, source, (long)time.GetElapsedTime(_start).TotalMilliseconds));
}

internal sealed class RecordingUser(Action<SipServerTransaction>? onRequest) : ISipTransactionUser
{
    public ConcurrentQueue<SipServerTransaction> Requests { get; } = new();

    public ConcurrentQueue<(SipServerTransaction Invite, SipRequest Cancel)> Cancels { get; } = new();

    public ConcurrentQueue<SipRequest> Acks { get; } = new();

    public void OnRequest(SipServerTransaction transaction)
    {
        Requests.Enqueue(transaction);
        onRequest?.Invoke(transaction);
    }

    public void OnCancel(SipServerTransaction invite, SipRequest cancel) => Cancels.Enqueue((invite, cancel));

    public void OnAck(SipRequest ack, SipInboundContext source) => Acks.Enqueue(ack);
}

internal sealed class RecordingLog : ISipServerLog
{
    public ConcurrentQueue<(SipLogLevel Level, string EventId)> Events { get; } = new();

    public bool IsEnabled(SipLogLevel level) => true;

    public void Write(SipLogLevel level, string eventId, string message, params ReadOnlySpan<(string Key, object? Value)> fields)
        => Events.Enqueue((level, eventId));
}
