using System.Collections.Concurrent;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Hosting;
using SipSecurity.Server.Transport;
using SipSecurity.Sip.Headers;
using SipSecurity.Sip.Messages;
using SipSecurity.Sip.Parsing;

namespace SipSecurity.Server.Transactions;

/// <summary>
/// Server transactions (RFC 3261 §17.2) between the transports and the TU: matches requests to transactions (§17.2.3),
/// absorbs retransmissions, answers CANCEL (§9.2), runs Timers G, H, I and J, and sends 100 Trying for a slow INVITE.
/// One expiry queue driven by one timer serves every transaction; the table is a lock-free dictionary keyed by one string.
/// </summary>
public sealed partial class SipTransactionLayer : ISipMessageSink, IDisposable
{
    // Keyed by the bytes of TransactionKey; searched by span through _lookup.
    private readonly ConcurrentDictionary<byte[], ServerTransactionEntry> _table = new(TransactionKeyComparer.Instance);
    private readonly ConcurrentDictionary<byte[], ServerTransactionEntry>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
    // Room for a key on the stack: branch, sent-by and method of any sane request.
    private const int KeyScratchSize = 256;

    private readonly ISipResponseSender _sender;
    private readonly ISipTransactionUser _user;
    private readonly ISipServerLog _log;
    private readonly SipServerCounters _counters;
    private readonly TimeProvider _time;
    private readonly long _startTimestamp;
    private readonly ExpiryQueue _timers;
    private readonly ITimer _timer;

    // Timer values in milliseconds of the layer's clock.
    private readonly long _t1;
    private readonly long _t2;
    private readonly long _t4;
    private readonly long _trying;
    private readonly long _inviteTimeout;

    private int _count;
    private int _pending;
    private TaskCompletionSource? _drained;
    private volatile bool _disposed;

    /// <summary>Creates the layer and starts its timer.</summary>
    /// <param name="sender">Sends responses back over the transport the request came on.</param>
    /// <param name="user">The TU that receives new requests.</param>
    /// <param name="log">Server log.</param>
    /// <param name="counters">Counts requests and responses received, responses sent and retransmissions.</param>
    /// <param name="timers">Timer values; RFC 3261 defaults when null.</param>
    /// <param name="time">The clock; the system clock when null.</param>
    public SipTransactionLayer(ISipResponseSender sender, ISipTransactionUser user, ISipServerLog log, SipServerCounters counters, SipTimerSettings? timers = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(counters);
        Timers = timers ?? SipTimerSettings.Default;
        Timers.Validate();
        _sender = sender;
        _user = user;
        _log = log;
        _counters = counters;
        _time = time ?? TimeProvider.System;
        _startTimestamp = _time.GetTimestamp();
        _lookup = _table.GetAlternateLookup<ReadOnlySpan<byte>>();
        _t1 = ToMs(Timers.T1);
        _t2 = ToMs(Timers.T2);
        _t4 = ToMs(Timers.T4);
        _trying = ToMs(Timers.TryingDelay);
        _inviteTimeout = ToMs(Timers.InviteTimeout);
        _timers = new ExpiryQueue(Math.Max(1, ToMs(Timers.Tick)), OnTimer);
        _timer = _time.CreateTimer(static state => ((SipTransactionLayer)state!).Tick(), this, Timers.Tick, Timers.Tick);
    }

    /// <summary>The timer values in use.</summary>
    public SipTimerSettings Timers { get; }

    /// <summary>Live server transactions, including completed ones that still absorb retransmissions.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Transactions whose TU has not sent a final response yet.</summary>
    public int PendingCount => Volatile.Read(ref _pending);

    private long NowMs => ToMs(_time.GetElapsedTime(_startTimestamp));

    /// <summary>
    /// Routes one request: a retransmission is absorbed or answered with the last response, an ACK goes to its INVITE
    /// transaction (or to <see cref="ISipTransactionUser.OnAck"/>), a CANCEL is answered here, anything else starts a
    /// transaction and goes to the TU. Counts it in <see cref="SipServerCounters.RequestsReceived"/>.
    /// </summary>
    public void OnRequest(SipRequest request, SipInboundContext source)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(source);
        Interlocked.Increment(ref _counters.RequestsReceived);
        if (_disposed)
        {
            Interlocked.Increment(ref _counters.MessagesDropped);
            return;
        }

        var method = request.Method;
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        SipVia via;
        scoped ReadOnlySpan<byte> key;
        try
        {
            // Without a top Via there is no way back (RFC 3261 §18.2.2); the validator normally rejects it before us.
            via = request.GetTopVia() ?? throw new SipParseException(SipParseError.MissingRequiredHeader, "Missing Via header.", "Via");
            key = TransactionKey.Create(request, via, method == SipMethods.Ack ? SipMethods.Invite : method, scratch);
        }
        catch (SipParseException ex)
        {
            Interlocked.Increment(ref _counters.MalformedMessages);
            Log(SipLogLevel.Debug, "TransactionRequestMalformed", "Dropped a request whose matching headers do not parse.", ("Source", source), ("Reason", ex.Message));
            return;
        }

        if (method == SipMethods.Ack)
        {
            OnAck(request, source, key);
            return;
        }

        if (_lookup.TryGetValue(key, out var existing))
        {
            OnRetransmission(existing, via, source);
            return;
        }

        var entry = new ServerTransactionEntry(key.ToArray(), method == SipMethods.Invite, source.Transport != SipTransportKind.Udp);
        var now = NowMs;
        var transaction = new SipServerTransaction(this, entry, request, via, source, now);
        lock (entry)
        {
            entry.Handle = transaction;
            entry.State = entry.IsInvite ? ServerTransactionState.Proceeding : ServerTransactionState.Trying;
            if (!_table.TryAdd(entry.Key, entry))
            {
                // The same request arrived twice at once on two receive threads: the other one created it.
                if (_table.TryGetValue(entry.Key, out existing))
                {
                    OnRetransmission(existing, via, source);
                }

                return;
            }

            Interlocked.Increment(ref _count);
            Interlocked.Increment(ref _pending);

            // RFC 3261 §17.2.1: 100 Trying unless the TU answers within 200 ms. A pending non-INVITE is looked at every T1,
            // so that it is dropped once its client gave up (64*T1) and, on a stream, soon forgotten by the queue.
            _timers.Schedule(entry, now + (entry.IsInvite ? _trying : _t1));
        }

        if (method == SipMethods.Cancel)
        {
            OnCancel(transaction, via);
            return;
        }

        try
        {
            _user.OnRequest(transaction);
        }
#pragma warning disable CA1031 // A failing TU must not take the receive loop down; the client gets a 500.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log(SipLogLevel.Error, "TransactionUserFailed", "The TU threw while handling a request.", ("Method", method), ("Source", source), ("Error", ex.ToString()));
            RespondByLayer(transaction, 500);
        }
    }

    /// <summary>
    /// A response from the network. No client transactions exist yet (they arrive with the proxy, matched by RFC 3261
    /// §17.1.3 and driven by the same expiry queue): dropped and counted.
    /// </summary>
    public void OnResponse(SipResponse response, SipInboundContext source)
    {
        ArgumentNullException.ThrowIfNull(response);
        Interlocked.Increment(ref _counters.ResponsesReceived);
        Log(SipLogLevel.Debug, "TransactionResponseDropped", "Dropped a response: no client transactions.", ("Status", response.StatusCode), ("Source", source));
    }

    /// <summary>
    /// Graceful stop: waits until no transaction waits for the TU's final response. True when drained within
    /// <paramref name="timeout"/>. Stop the transports first, or new requests keep arriving.
    /// </summary>
    public async Task<bool> DrainAsync(TimeSpan timeout)
    {
        // One signal per drain: a signal completed by an earlier drain says nothing about the requests that came since.
        var current = Volatile.Read(ref _drained);
        if (current is null || current.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref _drained, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), current);
        }

        var drained = Volatile.Read(ref _drained)!;

        // Published before this check, so a final response racing with it either sees the signal or is seen here.
        if (Volatile.Read(ref _pending) == 0)
        {
            drained.TrySetResult();
        }

        try
        {
            await drained.Task.WaitAsync(timeout, _time).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return Volatile.Read(ref _pending) == 0;
        }
    }

    /// <summary>Stops the timer and forgets every transaction.</summary>
    public void Dispose()
    {
        _disposed = true;
        _timer.Dispose();
        _table.Clear();
        Volatile.Write(ref _count, 0);
    }

    private static long ToMs(TimeSpan value) => value.Ticks / TimeSpan.TicksPerMillisecond;

    private void OnRetransmission(ServerTransactionEntry entry, SipVia via, SipInboundContext source)
    {
        lock (entry)
        {
            // RFC 3261 §17.2.1, §17.2.2: Trying and Confirmed absorb; Proceeding and Completed resend the last response,
            // toward this copy's Via and source (the same sent-by; received/rport as this packet came).
            if (entry.State is ServerTransactionState.Proceeding or ServerTransactionState.Completed && entry.LastResponse is { } last)
            {
                _sender.SendResponse(last, via, source);
                Interlocked.Increment(ref _counters.Retransmissions);
            }
        }
    }

    private void OnAck(SipRequest ack, SipInboundContext source, ReadOnlySpan<byte> key)
    {
        if (_lookup.TryGetValue(key, out var entry) && entry.IsInvite)
        {
            lock (entry)
            {
                switch (entry.State)
                {
                    case ServerTransactionState.Completed:
                        // RFC 3261 §17.2.1: ACK for a non-2xx final → Confirmed; Timer I = T4 on UDP, 0 on streams.
                        entry.State = ServerTransactionState.Confirmed;
                        entry.Handle = null;
                        entry.LastResponse = null;
                        if (entry.IsReliable)
                        {
                            Terminate(entry);
                        }
                        else
                        {
                            _timers.Schedule(entry, NowMs + _t4);
                        }

                        return;
                    case ServerTransactionState.Confirmed:
                    case ServerTransactionState.Proceeding:
                        // Confirmed absorbs ACKs; an ACK before any final response acknowledges nothing.
                        return;
                    default:
                        // Terminated after a 2xx a moment ago: this is the 2xx's ACK, the TU's business.
                        break;
                }
            }
        }

        try
        {
            _user.OnAck(ack, source);
        }
#pragma warning disable CA1031 // A failing TU must not take the receive loop down; an ACK is never answered.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log(SipLogLevel.Error, "TransactionUserFailed", "The TU threw while handling an ACK.", ("Source", source), ("Error", ex.ToString()));
        }
    }

    private void OnCancel(SipServerTransaction cancel, SipVia via)
    {
        // RFC 3261 §9.2: the CANCEL matches the INVITE by the INVITE's matching rules, method aside.
        Span<byte> scratch = stackalloc byte[KeyScratchSize];
        var inviteKey = TransactionKey.Create(cancel.Request, via, SipMethods.Invite, scratch);
        if (!_lookup.TryGetValue(inviteKey, out var invite) || !invite.IsInvite)
        {
            RespondByLayer(cancel, 481);
            return;
        }

        RespondByLayer(cancel, 200);
        SipServerTransaction? cancelled = null;
        lock (invite)
        {
            if (invite.Handle is { IsCompleted: false } handle && invite.State == ServerTransactionState.Proceeding)
            {
                var bytes = Sip.Writing.SipResponseBuilder.CreateFor(handle.Request, 487, toTag: handle.ToTag).ToArray();
                RespondCore(invite, handle, 487, bytes, null);
                cancelled = handle;
            }
        }

        if (cancelled is null)
        {
            return;
        }

        try
        {
            _user.OnCancel(cancelled, cancel.Request);
        }
#pragma warning disable CA1031 // A failing TU must not take the receive loop down; both responses are already sent.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log(SipLogLevel.Error, "TransactionUserFailed", "The TU threw while handling a CANCEL.", ("Source", cancel.Source), ("Error", ex.ToString()));
        }
    }

    private void Tick()
    {
        if (!_disposed)
        {
            _timers.Run(NowMs);
        }
    }

    private void Log(SipLogLevel level, string eventId, string message, params ReadOnlySpan<(string Key, object? Value)> fields)
    {
        if (_log.IsEnabled(level))
        {
            _log.Write(level, eventId, message, fields);
        }
    }
}
