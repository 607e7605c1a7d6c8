using System.Collections.Concurrent;
using SipSecurity.Server.Configuration;

namespace SipSecurity.Server.Security.Auth;

/// <summary>The state of the throttle after one more failure.</summary>
internal readonly record struct FailureVerdict(bool Slow, bool SourceBlockedNow, bool UserBlockedNow, int SourceFailures, int UserFailures);

/// <summary>
/// Failures counted per source and per user name within <see cref="SipServerSettings.FailureWindow"/> (a window that
/// starts at the first failure); slowed at <see cref="SipServerSettings.FailuresBeforeDelay"/>, blocked for
/// <see cref="SipServerSettings.BlockDuration"/> at <see cref="SipServerSettings.FailuresBeforeBlock"/>.
/// Lookups are lock-free; each record has its own lock, taken only on failures and on expiry of a block.
/// Memory is bounded: idle records are swept, and when a table is full new keys are not tracked (the other
/// table and fail2ban still apply).
/// </summary>
internal sealed class FailureThrottle
{
    public const int DefaultCapacity = 100_000;
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<UInt128, Record> _sources = new();

    // User names match as the store matches them (case-insensitively), so case games cannot dodge a block.
    private readonly ConcurrentDictionary<string, Record> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly int _capacity;
    private readonly Action<int> _sourceBlocksChanged;
    private long _nextSweepTicks;
    private int _sweeping;
    private int _blockedSources;
    private int _blockedUsers;

    public FailureThrottle(int capacity, Action<int> sourceBlocksChanged)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _sourceBlocksChanged = sourceBlocksChanged;
    }

    public int TrackedCount => _sources.Count + _users.Count;

    public bool IsSourceBlocked(UInt128 source, DateTimeOffset now) =>
        !_sources.IsEmpty && _sources.TryGetValue(source, out var record) && IsBlocked(record, now, isSource: true);

    public bool IsUserBlocked(string userName, DateTimeOffset now) =>
        !_users.IsEmpty && _users.TryGetValue(userName, out var record) && IsBlocked(record, now, isSource: false);

    public FailureVerdict RecordFailure(UInt128 source, string? userName, DateTimeOffset now, SipServerSettings settings)
    {
        MaybeSweep(now, settings.FailureWindow);
        var (sourceFailures, sourceBlocked) = Count(_sources, source, now, settings, isSource: true);
        var (userFailures, userBlocked) = string.IsNullOrEmpty(userName) ? (0, false) : Count(_users, userName, now, settings, isSource: false);
        var slow = Math.Max(sourceFailures, userFailures) >= settings.FailuresBeforeDelay;
        return new FailureVerdict(slow, sourceBlocked, userBlocked, sourceFailures, userFailures);
    }

    /// <summary>A successful authentication forgets the user's failures (not the source's).</summary>
    public void ClearUser(string userName)
    {
        if (!_users.IsEmpty && _users.TryGetValue(userName, out var record))
        {
            lock (record)
            {
                record.Failures = 0;
            }
        }
    }

    /// <summary>Sources and users blocked now.</summary>
    public int BlockedCount(DateTimeOffset now)
    {
        ExpireBlocks(_sources, now, isSource: true);
        ExpireBlocks(_users, now, isSource: false);
        return Volatile.Read(ref _blockedSources) + Volatile.Read(ref _blockedUsers);
    }

    public void Sweep(DateTimeOffset now, TimeSpan window)
    {
        Prune(_sources, now, window, isSource: true);
        Prune(_users, now, window, isSource: false);
    }

    private (int Failures, bool BlockedNow) Count<TKey>(ConcurrentDictionary<TKey, Record> table, TKey key, DateTimeOffset now, SipServerSettings settings, bool isSource)
        where TKey : notnull
    {
        if (!table.TryGetValue(key, out var record))
        {
            if (table.Count >= _capacity)
            {
                Prune(table, now, settings.FailureWindow, isSource);
                if (table.Count >= _capacity)
                {
                    return (0, false);
                }
            }

            record = table.GetOrAdd(key, static _ => new Record());
        }

        lock (record)
        {
            record.LastFailureTicks = now.UtcTicks;
            if (now.UtcTicks - record.WindowStartTicks >= settings.FailureWindow.Ticks)
            {
                record.WindowStartTicks = now.UtcTicks;
                record.Failures = 0;
            }

            var failures = ++record.Failures;
            if (failures >= settings.FailuresBeforeBlock && settings.BlockDuration > TimeSpan.Zero && record.BlockedUntilTicks <= now.UtcTicks)
            {
                record.BlockedUntilTicks = (now + settings.BlockDuration).UtcTicks;
                record.Failures = 0;
                record.WindowStartTicks = now.UtcTicks;
                if (!record.BlockCounted)
                {
                    record.BlockCounted = true;
                    BlockCountChanged(isSource, +1);
                }

                return (failures, true);
            }

            return (failures, false);
        }
    }

    private bool IsBlocked(Record record, DateTimeOffset now, bool isSource)
    {
        if (Volatile.Read(ref record.BlockedUntilTicks) > now.UtcTicks)
        {
            return true;
        }

        if (Volatile.Read(ref record.BlockCounted))
        {
            Unblock(record, now, isSource);
        }

        return false;
    }

    private void Unblock(Record record, DateTimeOffset now, bool isSource)
    {
        lock (record)
        {
            if (record.BlockCounted && record.BlockedUntilTicks <= now.UtcTicks)
            {
                record.BlockCounted = false;
                BlockCountChanged(isSource, -1);
            }
        }
    }

    private void BlockCountChanged(bool isSource, int delta)
    {
        if (isSource)
        {
            Interlocked.Add(ref _blockedSources, delta);
            _sourceBlocksChanged(delta);
        }
        else
        {
            Interlocked.Add(ref _blockedUsers, delta);
        }
    }

    private void ExpireBlocks<TKey>(ConcurrentDictionary<TKey, Record> table, DateTimeOffset now, bool isSource)
        where TKey : notnull
    {
        foreach (var pair in table)
        {
            if (Volatile.Read(ref pair.Value.BlockCounted) && Volatile.Read(ref pair.Value.BlockedUntilTicks) <= now.UtcTicks)
            {
                Unblock(pair.Value, now, isSource);
            }
        }
    }

    private void MaybeSweep(DateTimeOffset now, TimeSpan window)
    {
        var next = Volatile.Read(ref _nextSweepTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextSweepTicks, (now + SweepInterval).UtcTicks, next) != next)
        {
            return;
        }

        Sweep(now, window);
    }

    private void Prune<TKey>(ConcurrentDictionary<TKey, Record> table, DateTimeOffset now, TimeSpan window, bool isSource)
        where TKey : notnull
    {
        if (Interlocked.Exchange(ref _sweeping, 1) != 0)
        {
            return;
        }

        try
        {
            foreach (var pair in table)
            {
                var record = pair.Value;
                lock (record)
                {
                    var idle = now.UtcTicks - record.LastFailureTicks >= window.Ticks;
                    if (!idle || record.BlockedUntilTicks > now.UtcTicks)
                    {
                        continue;
                    }

                    if (record.BlockCounted)
                    {
                        record.BlockCounted = false;
                        BlockCountChanged(isSource, -1);
                    }

                    // A record removed while another thread counts on it loses at most that one failure.
                    table.TryRemove(pair);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    private sealed class Record
    {
        public long WindowStartTicks;
        public long LastFailureTicks;
        public long BlockedUntilTicks;
        public int Failures;
        public bool BlockCounted;
    }
}
