using SipSecurity.Server.Hosting;
using SipSecurity.Sip.Messages;
using SipSecurity.Sip.Writing;

namespace SipSecurity.Server.Transactions;

public sealed partial class SipTransactionLayer
{
    internal void Respond(SipServerTransaction transaction, SipResponse response)
    {
        var status = response.StatusCode;

        // Serialized once, outside the lock: these very bytes answer every retransmission.
        var bytes = SipMessageWriter.ToArray(response);
        var entry = transaction.Entry;
        lock (entry)
        {
            if (transaction.IsCompleted || entry.State == ServerTransactionState.Terminated)
            {
                Log(SipLogLevel.Warning, "TransactionResponseIgnored", "Ignored a response after the final response.",
                    ("Method", transaction.Request.Method), ("Status", status), ("Source", transaction.Source));
                return;
            }

            RespondCore(entry, transaction, status, bytes, response);
        }
    }

    internal void Abandon(SipServerTransaction transaction)
    {
        var entry = transaction.Entry;
        lock (entry)
        {
            if (entry.State == ServerTransactionState.Terminated || !transaction.MarkCompleted())
            {
                return;
            }

            if (Interlocked.Decrement(ref _pending) == 0)
            {
                Volatile.Read(ref _drained)?.TrySetResult();
            }

            entry.Handle = null;
            if (entry.IsInvite || entry.IsReliable)
            {
                Terminate(entry);
            }
            else
            {
                entry.State = ServerTransactionState.Completed;
                _timers.Schedule(entry, NowMs + (64 * _t1));
            }
        }
    }

    /// <summary>A response the layer makes itself (100, 200 to CANCEL, 408, 481, 487, 500), unless a final one went out already.</summary>
    private void RespondByLayer(SipServerTransaction transaction, int status)
    {
        var bytes = SipResponseBuilder.CreateFor(transaction.Request, status, toTag: transaction.ToTag).ToArray();
        var entry = transaction.Entry;
        lock (entry)
        {
            if (!transaction.IsCompleted && entry.State != ServerTransactionState.Terminated)
            {
                RespondCore(entry, transaction, status, bytes, null);
            }
        }
    }

    /// <summary>Sends a response and moves the state machine (RFC 3261 §17.2.1, §17.2.2). The caller holds lock(entry).</summary>
    private void RespondCore(ServerTransactionEntry entry, SipServerTransaction transaction, int status, byte[] bytes, SipResponse? response)
    {
        entry.LastResponse = bytes;
        _sender.SendResponse(bytes, transaction.TopVia, transaction.Source);
        _counters.CountResponse(status);
        if (status < 200)
        {
            entry.State = ServerTransactionState.Proceeding;
            if (entry.IsInvite && status > 100 && transaction.ToTag is null)
            {
                transaction.ToTag = response?.GetTo()?.Tag;
            }

            return;
        }

        transaction.MarkCompleted();
        if (Interlocked.Decrement(ref _pending) == 0)
        {
            Volatile.Read(ref _drained)?.TrySetResult();
        }

        var now = NowMs;
        if (!entry.IsInvite)
        {
            // §17.2.2: Completed; Timer J = 64*T1 on UDP, 0 on streams. Retransmissions carry their own Via and source.
            entry.Handle = null;
            if (entry.IsReliable)
            {
                Terminate(entry);
            }
            else
            {
                entry.State = ServerTransactionState.Completed;
                _timers.Schedule(entry, now + (64 * _t1));
            }
        }
        else if (status < 300)
        {
            // §17.2.1: a 2xx ends the transaction; the TU retransmits the 2xx until its ACK (§13.3.1.4).
            Terminate(entry);
        }
        else
        {
            // §17.2.1: Completed; Timer G (UDP only) from T1 doubling to T2, Timer H = 64*T1 for the ACK.
            entry.State = ServerTransactionState.Completed;
            transaction.TimerHDeadlineMs = now + (64 * _t1);
            if (entry.IsReliable)
            {
                transaction.TimerGDeadlineMs = long.MaxValue;
            }
            else
            {
                transaction.TimerGIntervalMs = _t1;
                transaction.TimerGDeadlineMs = now + _t1;
            }

            _timers.Schedule(entry, Math.Min(transaction.TimerGDeadlineMs, transaction.TimerHDeadlineMs));
        }
    }

    /// <summary>Forgets the transaction. The caller holds lock(entry); the queue drops the entry when it next meets it.</summary>
    private void Terminate(ServerTransactionEntry entry)
    {
        entry.State = ServerTransactionState.Terminated;
        entry.Handle = null;
        entry.LastResponse = null;
        if (_table.TryRemove(new KeyValuePair<byte[], ServerTransactionEntry>(entry.Key, entry)))
        {
            Interlocked.Decrement(ref _count);
        }
    }
}
