using System.Globalization;
using System.Text;

namespace SipSecurity.Server.Hosting;

/// <summary>
/// Renders one log event as one line:
/// <c>2026-12-04T17:00:00.123Z WARN AuthenticationFailed: message key=value key="value with spaces"</c>.
/// Control characters are escaped so that a hostile user name cannot forge a second line.
/// </summary>
public static class SipLogLine
{
    public static string Format(DateTimeOffset time, SipLogLevel level, string eventId, string message, ReadOnlySpan<(string Key, object? Value)> fields)
    {
        var line = new StringBuilder(128)
            .Append(time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))
            .Append(' ')
            .Append(LevelName(level))
            .Append(' ')
            .Append(eventId)
            .Append(": ");
        AppendSafe(line, message);
        foreach (var (key, value) in fields)
        {
            line.Append(' ').Append(key).Append('=');
            var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
            if (text.Length == 0 || text.AsSpan().IndexOfAny(' ', '"', '=') >= 0)
            {
                line.Append('"');
                AppendSafe(line, text.Replace("\"", "\\\"", StringComparison.Ordinal));
                line.Append('"');
            }
            else
            {
                AppendSafe(line, text);
            }
        }

        return line.ToString();
    }

    public static string LevelName(SipLogLevel level) => level switch
    {
        SipLogLevel.Debug => "DEBUG",
        SipLogLevel.Information => "INFO",
        SipLogLevel.Warning => "WARN",
        _ => "ERROR",
    };

    private static void AppendSafe(StringBuilder line, string text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                line.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            }
            else
            {
                line.Append(c);
            }
        }
    }
}
