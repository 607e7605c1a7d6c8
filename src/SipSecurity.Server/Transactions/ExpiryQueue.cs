using System.Collections.Concurrent;

namespace SipSecurity.Server.Transactions;

/// <summary>
/// A bucketed expiry queue: one bucket per tick, each a lock-free stack threaded through <see cref="TimedEntry.TimerNext"/>.
/// Producers push with one compare-and-swap; one timer callback takes every due bucket and hands its entries to the owner.
/// No Timer object and no allocation per entry, no lock shared by transactions.
/// </summary>
internal sealed class ExpiryQueue
{
    private static readonly TimedEntry s_closed = new ClosedMarker();

    private readonly ConcurrentDictionary<long, Bucket> _buckets = new();
    private readonly long _tickMs;
    private readonly Action<TimedEntry, long> _onDue;
    private int _running;

    public ExpiryQueue(long tickMs, Action<TimedEntry, long> onDue)
    {
        _tickMs = tickMs;
        _onDue = onDue;
    }

    /// <summary>
    /// Sets the entry's deadline and queues it unless it is already queued (for an earlier or equal tick, by the owners'
    /// design; the owner re-schedules when woken early). The caller holds the entry's lock.
    /// </summary>
    public void Schedule(TimedEntry entry, long deadlineMs)
    {
        entry.DeadlineMs = deadlineMs;
        if (entry.TimerQueued)
        {
            return;
        }

        entry.TimerQueued = true;

        // Round up: a bucket is due when the clock reaches its tick, so no entry wakes before its deadline.
        var tick = (deadlineMs + _tickMs - 1) / _tickMs;
        while (!_buckets.GetOrAdd(tick, static _ => new Bucket()).TryPush(entry))
        {
            // The bucket was taken by Run after we looked it up: a fresh one for the same tick is swept by the next Run.
        }
    }

    /// <summary>Wakes every entry whose bucket is due at <paramref name="nowMs"/>. Overlapping calls return at once.</summary>
    public void Run(long nowMs)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            return;
        }

        try
        {
            var nowTick = nowMs / _tickMs;

            // A sweep over every bucket (about one per tick of the longest timer, 64*T1) also catches a bucket created
            // for a tick that an earlier Run already passed.
            foreach (var pair in _buckets)
            {
                if (pair.Key <= nowTick && _buckets.TryRemove(pair.Key, out var bucket))
                {
                    var entry = bucket.Close();
                    while (entry is not null)
                    {
                        var next = entry.TimerNext;
                        entry.TimerNext = null;
                        _onDue(entry, nowMs);
                        entry = next;
                    }
                }
            }
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    private sealed class Bucket
    {
        private TimedEntry? _head;

        public bool TryPush(TimedEntry entry)
        {
            while (true)
            {
                var head = Volatile.Read(ref _head);
                if (ReferenceEquals(head, s_closed))
                {
                    return false;
                }

                entry.TimerNext = head;
                if (ReferenceEquals(Interlocked.CompareExchange(ref _head, entry, head), head))
                {
                    return true;
                }
            }
        }

        /// <summary>Takes the whole stack and refuses later pushes.</summary>
        public TimedEntry? Close() => Interlocked.Exchange(ref _head, s_closed);
    }

    private sealed class ClosedMarker : TimedEntry
    {
    }
}
