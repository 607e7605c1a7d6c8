namespace SipSecurity.Server.Hosting;

/// <summary>
/// Live counters of a running server, updated lock-free from every thread. Read them through
/// <see cref="Snapshot"/>; the fields are public so that hot paths can use Interlocked on them.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1051", Justification = "Hot paths update the counters with Interlocked, which needs fields.")]
public sealed class SipServerCounters
{
    public long RequestsReceived;
    public long ResponsesReceived;
    public long Retransmissions;
    public long MalformedMessages;
    public long Responses1xx;
    public long Responses2xx;
    public long Responses3xx;
    public long Responses4xx;
    public long Responses5xx;
    public long Responses6xx;
    public long Challenges;
    public long AuthenticationFailures;
    public long ConnectionsAccepted;
    public long ConnectionsRefused;
    public long ConnectionsActive;
    public long SendFailures;
    public long MessagesDropped;
    public long BlockedSources;
    public long ActiveBindings;
    public long TlsHandshakesFailed;

    /// <summary>Counts one response sent for the first time (retransmissions are counted in <see cref="Retransmissions"/>).</summary>
    public void CountResponse(int statusCode)
    {
        switch (statusCode / 100)
        {
            case 1: Interlocked.Increment(ref Responses1xx); break;
            case 2: Interlocked.Increment(ref Responses2xx); break;
            case 3: Interlocked.Increment(ref Responses3xx); break;
            case 4: Interlocked.Increment(ref Responses4xx); break;
            case 5: Interlocked.Increment(ref Responses5xx); break;
            default: Interlocked.Increment(ref Responses6xx); break;
        }
    }

    public SipServerStatistics Snapshot() => new()
    {
        RequestsReceived = Volatile.Read(ref RequestsReceived),
        ResponsesReceived = Volatile.Read(ref ResponsesReceived),
        Retransmissions = Volatile.Read(ref Retransmissions),
        MalformedMessages = Volatile.Read(ref MalformedMessages),
        Responses1xx = Volatile.Read(ref Responses1xx),
        Responses2xx = Volatile.Read(ref Responses2xx),
        Responses3xx = Volatile.Read(ref Responses3xx),
        Responses4xx = Volatile.Read(ref Responses4xx),
        Responses5xx = Volatile.Read(ref Responses5xx),
        Responses6xx = Volatile.Read(ref Responses6xx),
        Challenges = Volatile.Read(ref Challenges),
        AuthenticationFailures = Volatile.Read(ref AuthenticationFailures),
        ConnectionsAccepted = Volatile.Read(ref ConnectionsAccepted),
        ConnectionsRefused = Volatile.Read(ref ConnectionsRefused),
        ConnectionsActive = Volatile.Read(ref ConnectionsActive),
        SendFailures = Volatile.Read(ref SendFailures),
        MessagesDropped = Volatile.Read(ref MessagesDropped),
        BlockedSources = Volatile.Read(ref BlockedSources),
        ActiveBindings = Volatile.Read(ref ActiveBindings),
        TlsHandshakesFailed = Volatile.Read(ref TlsHandshakesFailed),
    };
}

/// <summary>A point-in-time copy of <see cref="SipServerCounters"/>, as the SipServer object shows it.</summary>
public sealed record SipServerStatistics
{
    public long RequestsReceived { get; init; }
    public long ResponsesReceived { get; init; }
    public long Retransmissions { get; init; }
    public long MalformedMessages { get; init; }
    public long Responses1xx { get; init; }
    public long Responses2xx { get; init; }
    public long Responses3xx { get; init; }
    public long Responses4xx { get; init; }
    public long Responses5xx { get; init; }
    public long Responses6xx { get; init; }
    public long Challenges { get; init; }
    public long AuthenticationFailures { get; init; }
    public long ConnectionsAccepted { get; init; }
    public long ConnectionsRefused { get; init; }
    public long ConnectionsActive { get; init; }
    public long SendFailures { get; init; }
    public long MessagesDropped { get; init; }
    public long BlockedSources { get; init; }
    public long ActiveBindings { get; init; }

    /// <summary>TLS handshakes that failed or timed out (including connections that waited too long for their turn).</summary>
    public long TlsHandshakesFailed { get; init; }
}
