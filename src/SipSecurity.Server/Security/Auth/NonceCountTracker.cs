using System.Collections.Concurrent;

namespace SipSecurity.Server.Security.Auth;

internal enum NonceCountResult
{
    Accepted,

    /// <summary>This nc was seen before for this nonce, or is too far below the highest: a replay.</summary>
    Replay,

    /// <summary>The table is full and this nonce is not in it: answer stale=true rather than allocate.</summary>
    Full,
}

/// <summary>
/// Nonce-count replay protection (RFC 7616 §3.4, RFC 2617 §3.2.2): per nonce, the highest nc accepted and a
/// 64-wide bitmap below it, so that requests sent in parallel with one nonce may arrive out of order but no nc is
/// accepted twice. Entries are value tuples updated by compare-and-swap: no lock. An entry is dropped once its nonce
/// is past the longest lifetime seen (the nonce is then stale and never accepted again), and the table is capped.
/// </summary>
internal sealed class NonceCountTracker
{
    public const int DefaultCapacity = 1_000_000;
    private const int WindowBits = 64;
    private const long SweepIntervalMs = 5_000;
    private const long FullSweepIntervalMs = 1_000;

    private readonly ConcurrentDictionary<UInt128, Window> _entries = new();
    private readonly int _capacity;
    private int _count;
    private long _maxLifetimeMs;
    private long _nextSweepMs;
    private long _nextFullSweepMs;
    private int _sweeping;

    public NonceCountTracker(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    public int Count => Volatile.Read(ref _count);

    public NonceCountResult TryAccept(UInt128 nonceId, long issuedMs, uint nonceCount, long nowMs, TimeSpan lifetime)
    {
        var lifetimeMs = (long)lifetime.TotalMilliseconds;
        if (lifetimeMs > Volatile.Read(ref _maxLifetimeMs))
        {
            // Entries must outlive their nonce under the longest lifetime in force, or a raised lifetime would reopen replays.
            Interlocked.Exchange(ref _maxLifetimeMs, lifetimeMs);
        }

        if (nowMs >= Volatile.Read(ref _nextSweepMs))
        {
            Sweep(nowMs);
        }

        var sweptWhenFull = false;
        while (true)
        {
            if (_entries.TryGetValue(nonceId, out var current))
            {
                if (!TryAdvance(current, nonceCount, out var next))
                {
                    return NonceCountResult.Replay;
                }

                if (_entries.TryUpdate(nonceId, next, current))
                {
                    return NonceCountResult.Accepted;
                }

                continue;
            }

            if (Volatile.Read(ref _count) >= _capacity)
            {
                if (!sweptWhenFull && nowMs >= Volatile.Read(ref _nextFullSweepMs))
                {
                    Volatile.Write(ref _nextFullSweepMs, nowMs + FullSweepIntervalMs);
                    Sweep(nowMs);
                    sweptWhenFull = true;
                    continue;
                }

                return NonceCountResult.Full;
            }

            if (_entries.TryAdd(nonceId, new Window(nonceCount, 1UL, issuedMs)))
            {
                Interlocked.Increment(ref _count);
                return NonceCountResult.Accepted;
            }
        }
    }

    /// <summary>Removes entries whose nonce has expired. One thread sweeps at a time; others carry on.</summary>
    public void Sweep(long nowMs)
    {
        if (Interlocked.Exchange(ref _sweeping, 1) != 0)
        {
            return;
        }

        try
        {
            Volatile.Write(ref _nextSweepMs, nowMs + SweepIntervalMs);
            var horizon = nowMs - Volatile.Read(ref _maxLifetimeMs);
            foreach (var pair in _entries)
            {
                // Removes only if unchanged since read; a concurrent update keeps it until the next sweep.
                if (pair.Value.IssuedMs < horizon && _entries.TryRemove(pair))
                {
                    Interlocked.Decrement(ref _count);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    private static bool TryAdvance(Window current, uint nonceCount, out Window next)
    {
        if (nonceCount > current.Highest)
        {
            var shift = nonceCount - current.Highest;
            var seen = shift >= WindowBits ? 1UL : (current.Seen << (int)shift) | 1UL;
            next = current with { Highest = nonceCount, Seen = seen };
            return true;
        }

        var below = current.Highest - nonceCount;
        if (below >= WindowBits || (current.Seen & (1UL << (int)below)) != 0)
        {
            next = current;
            return false;
        }

        next = current with { Seen = current.Seen | (1UL << (int)below) };
        return true;
    }

    /// <summary>Bit i of <see cref="Seen"/> set: nc = Highest - i was accepted.</summary>
    private readonly record struct Window(uint Highest, ulong Seen, long IssuedMs);
}
