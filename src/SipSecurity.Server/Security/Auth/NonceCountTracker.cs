namespace SipSecurity.Server.Security.Auth;

internal enum NonceCountResult
{
    Accepted,

    /// <summary>This nc, or a higher one, was already accepted for this nonce: a replay.</summary>
    Replay,

    /// <summary>The nonce is older than the window of the last <see cref="NonceCountTracker.Capacity"/> nonces: answer stale=true.</summary>
    Full,
}

/// <summary>
/// Nonce-count replay protection (RFC 7616 §3.4, RFC 2617 §3.2.2) in fixed memory: a ring of slots indexed by the
/// nonce's sequence number, each holding which lap of the ring owns it and the highest nc accepted, updated by
/// compare-and-swap. A nonce issued more than <see cref="Capacity"/> nonces ago has lost its slot and is answered
/// stale=true, so the client simply answers a fresh challenge. nc must increase strictly: a repeated or lower nc
/// is a replay. Memory is 8 bytes a slot whatever the load (Kamailio's nonce-id array works the same way), where a
/// table of nonces would grow with challenges per second times the nonce lifetime.
/// </summary>
internal sealed class NonceCountTracker
{
    /// <summary>2^21 slots (16 MiB): at 20,000 challenges per second a nonce keeps its slot for 100 s.</summary>
    public const int DefaultCapacity = 1 << 21;

    private readonly long[] _slots;
    private readonly int _shift;

    public NonceCountTracker(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity);
        _shift = System.Numerics.BitOperations.Log2((uint)Capacity);
        _slots = new long[Capacity];
    }

    public int Capacity { get; }

    /// <summary>Slots in use (for tests and diagnostics; a full scan).</summary>
    public int Count => _slots.Count(s => s != 0);

    /// <param name="sequence">The nonce's sequence number (1, 2, ...).</param>
    /// <param name="newest">The sequence number of the newest nonce issued.</param>
    /// <param name="nonceCount">The nc of the credentials (at least 1).</param>
    public NonceCountResult TryAccept(long sequence, long newest, uint nonceCount)
    {
        if (sequence <= 0 || newest - sequence >= Capacity)
        {
            return NonceCountResult.Full;
        }

        // Lap numbers start at 1 so that an empty slot (0) belongs to no nonce.
        var lap = (sequence >> _shift) + 1;
        ref var slot = ref _slots[sequence & (Capacity - 1)];
        while (true)
        {
            var current = Volatile.Read(ref slot);
            var currentLap = current >>> 32;
            var highest = currentLap == lap ? (uint)current : 0u;
            if (currentLap > lap)
            {
                // A newer nonce owns the slot already: this one is out of the window.
                return NonceCountResult.Full;
            }

            if (nonceCount <= highest)
            {
                return NonceCountResult.Replay;
            }

            var next = (lap << 32) | nonceCount;
            if (Interlocked.CompareExchange(ref slot, next, current) == current)
            {
                return NonceCountResult.Accepted;
            }
        }
    }
}
