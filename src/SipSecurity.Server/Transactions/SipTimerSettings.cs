namespace SipSecurity.Server.Transactions;

/// <summary>Transaction timers (RFC 3261 §17, Table 4) and how finely the layer measures them.</summary>
public sealed record SipTimerSettings
{
    /// <summary>The defaults of RFC 3261 §17 Table 4.</summary>
    public static SipTimerSettings Default { get; } = new();

    /// <summary>RTT estimate (RFC 3261 §17.1.1.1); default 500 ms.</summary>
    public TimeSpan T1 { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Maximum retransmission interval for non-INVITE requests and INVITE responses; default 4 s.</summary>
    public TimeSpan T2 { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Maximum time a message stays in the network; default 5 s (Timer I).</summary>
    public TimeSpan T4 { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an INVITE may wait for the TU before the layer sends 100 Trying itself (RFC 3261 §17.2.1: 200 ms).</summary>
    public TimeSpan TryingDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How long an INVITE may wait for the TU's final response before the layer answers 408 itself. RFC 3261 gives the
    /// server no limit; this bounds memory when a TU forgets a transaction (a proxy's Timer C is more than 3 minutes, §16.6).
    /// A non-INVITE that waits longer than 64*T1 is dropped: its client has given up (Timer F).
    /// </summary>
    public TimeSpan InviteTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The period of the one timer that drives every transaction; timers fire up to this late. Default 20 ms.</summary>
    public TimeSpan Tick { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Timer H (wait for ACK) and Timer J (non-INVITE Completed on UDP): 64*T1.</summary>
    public TimeSpan TimerH => T1 * 64;

    /// <summary>Timer J on unreliable transports: 64*T1.</summary>
    public TimeSpan TimerJ => T1 * 64;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Tick, TimeSpan.FromMilliseconds(1), nameof(Tick));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Tick, TimeSpan.FromSeconds(1), nameof(Tick));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(T1, TimeSpan.Zero, nameof(T1));
        ArgumentOutOfRangeException.ThrowIfLessThan(T2, T1, nameof(T2));
        ArgumentOutOfRangeException.ThrowIfLessThan(T4, TimeSpan.Zero, nameof(T4));
        ArgumentOutOfRangeException.ThrowIfLessThan(TryingDelay, TimeSpan.Zero, nameof(TryingDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(InviteTimeout, TryingDelay, nameof(InviteTimeout));
    }
}
