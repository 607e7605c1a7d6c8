namespace SipSecurity.Server.Transport;

/// <summary>
/// At most a few log lines per second for events a peer can trigger at will (failed handshakes): a flood of them
/// must not become a flood of log lines. The lines that were left out are counted into the next one written.
/// </summary>
internal sealed class SipLogRateLimiter(int perSecond)
{
    private readonly Lock _lock = new();
    private long _windowStart = long.MinValue;
    private int _inWindow;
    private long _suppressed;

    /// <summary>True when this event may be logged; <paramref name="suppressed"/> is how many were left out since the last one.</summary>
    public bool TryEnter(out long suppressed)
    {
        var now = Environment.TickCount64;
        lock (_lock)
        {
            if (now - _windowStart >= 1_000)
            {
                _windowStart = now;
                _inWindow = 0;
            }

            if (_inWindow >= perSecond)
            {
                _suppressed++;
                suppressed = 0;
                return false;
            }

            _inWindow++;
            suppressed = _suppressed;
            _suppressed = 0;
            return true;
        }
    }
}
