namespace SipSecurity.Server.Transactions;

/// <summary>
/// Something the <see cref="ExpiryQueue"/> wakes up: a server transaction today, a client transaction (proxy) later.
/// The fields are guarded by the owner's lock (the entry itself), except <see cref="TimerNext"/>, which belongs to the queue.
/// </summary>
internal abstract class TimedEntry
{
    // The queue's intrusive link: an entry sits in at most one bucket, so scheduling never allocates.
    internal TimedEntry? TimerNext;

    // When the owner next wants to run, in milliseconds of the layer's clock. The queue may wake it earlier
    // (the owner then re-schedules), never later than one tick after it.
    internal long DeadlineMs;

    // Whether the entry sits in a bucket.
    internal bool TimerQueued;
}
