namespace SipSecurity.Server.Hosting;

public enum SipLogLevel
{
    Debug,
    Information,
    Warning,
    Error,
}

/// <summary>
/// Structured server log: one event id (stable, PascalCase) and named fields. Implementations write
/// a line per event; callers never pass a password, hash, nonce secret or Authorization value.
/// </summary>
public interface ISipServerLog
{
    bool IsEnabled(SipLogLevel level);

    void Write(SipLogLevel level, string eventId, string message, params ReadOnlySpan<(string Key, object? Value)> fields);
}

/// <summary>Discards everything: for tests and for callers that do not log.</summary>
public sealed class NullSipServerLog : ISipServerLog
{
    public static NullSipServerLog Instance { get; } = new();

    public bool IsEnabled(SipLogLevel level) => false;

    public void Write(SipLogLevel level, string eventId, string message, params ReadOnlySpan<(string Key, object? Value)> fields)
    {
    }
}
