using SipSecurity.Server.Hosting;

namespace SipSecurity.Server.Transactions;

public sealed partial class SipTransactionLayer
{
    /// <summary>The expiry queue woke <paramref name="timed"/>: fire whichever of its timers is due, then re-schedule.</summary>
    private void OnTimer(TimedEntry timed, long nowMs)
    {
        var entry = (ServerTransactionEntry)timed;
        try
        {
            lock (entry)
            {
                entry.TimerQueued = false;
                if (entry.State == ServerTransactionState.Terminated)
                {
                    return;
                }

                if (nowMs < entry.DeadlineMs)
                {
                    // Woken early (the deadline moved later while queued): sleep again.
                    _timers.Schedule(entry, entry.DeadlineMs);
                    return;
                }

                switch (entry.State)
                {
                    case ServerTransactionState.Trying:
                    case ServerTransactionState.Proceeding:
                        OnPendingTimer(entry, entry.Handle!, nowMs);
                        break;
                    case ServerTransactionState.Completed when entry.IsInvite:
                        OnInviteCompletedTimer(entry, entry.Handle!, nowMs);
                        break;
                    default:
                        // Timer J (non-INVITE Completed) or Timer I (INVITE Confirmed).
                        Terminate(entry);
                        break;
                }
            }
        }
#pragma warning disable CA1031 // One failing transaction must not stop the timer for all the others.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log(SipLogLevel.Error, "TransactionTimerFailed", "A transaction timer failed.", ("Error", ex.ToString()));
        }
    }

    private void OnPendingTimer(ServerTransactionEntry entry, SipServerTransaction transaction, long nowMs)
    {
        var age = nowMs - transaction.CreatedMs;
        if (!entry.IsInvite)
        {
            if (age >= 64 * _t1)
            {
                // The client stopped waiting (Timer F = 64*T1); a response now would reach nobody.
                Log(SipLogLevel.Warning, "TransactionAbandoned", "The TU did not answer a request within 64*T1; dropped it.",
                    ("Method", transaction.Request.Method), ("Source", transaction.Source));
                if (transaction.MarkCompleted() && Interlocked.Decrement(ref _pending) == 0)
                {
                    Volatile.Read(ref _drained)?.TrySetResult();
                }

                Terminate(entry);
                return;
            }

            _timers.Schedule(entry, Math.Min(nowMs + _t1, transaction.CreatedMs + (64 * _t1)));
            return;
        }

        if (age >= _inviteTimeout)
        {
            Log(SipLogLevel.Warning, "TransactionAbandoned", "The TU did not answer an INVITE in time; answered 408.",
                ("Source", transaction.Source));
            var timeout = Sip.Writing.SipResponseBuilder.CreateFor(transaction.Request, 408, toTag: transaction.ToTag).ToArray();
            RespondCore(entry, transaction, 408, timeout, null);
            return;
        }

        if (entry.LastResponse is null)
        {
            // RFC 3261 §17.2.1: the TU has not answered within 200 ms.
            var trying = Sip.Writing.SipResponseBuilder.CreateFor(transaction.Request, 100).ToArray();
            RespondCore(entry, transaction, 100, trying, null);
        }

        // Looked at every T1 while pending, so that Timer G, due T1 after a final response, is never queued late.
        _timers.Schedule(entry, Math.Min(nowMs + _t1, transaction.CreatedMs + _inviteTimeout));
    }

    private void OnInviteCompletedTimer(ServerTransactionEntry entry, SipServerTransaction transaction, long nowMs)
    {
        if (nowMs >= transaction.TimerHDeadlineMs)
        {
            // RFC 3261 §17.2.1: Timer H, the ACK never came.
            Log(SipLogLevel.Information, "TransactionAckTimeout", "No ACK for a final response to INVITE within 64*T1.",
                ("Source", transaction.Source));
            Terminate(entry);
            return;
        }

        if (nowMs >= transaction.TimerGDeadlineMs)
        {
            // Timer G: resend the final response, the interval doubling up to T2.
            _sender.SendResponse(entry.LastResponse!, transaction.TopVia, transaction.Source);
            Interlocked.Increment(ref _counters.Retransmissions);
            transaction.TimerGIntervalMs = Math.Min(transaction.TimerGIntervalMs * 2, _t2);
            transaction.TimerGDeadlineMs += transaction.TimerGIntervalMs;
        }

        _timers.Schedule(entry, Math.Min(transaction.TimerGDeadlineMs, transaction.TimerHDeadlineMs));
    }
}
