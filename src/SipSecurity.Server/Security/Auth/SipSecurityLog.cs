using System.Globalization;
using System.Text;

namespace SipSecurity.Server.Security.Auth;

/// <summary>
/// The security engine's log events and the exact text of their messages. docs/fail2ban.md documents filters
/// over these lines; a test holds the two together, so change them together.
/// The address comes before any client-supplied text, and the user name is sanitized, so that a crafted user
/// name cannot make a filter ban someone else.
/// </summary>
public static class SipSecurityLog
{
    /// <summary>Warning: one line per failed authentication.</summary>
    public const string AuthenticationFailed = nameof(AuthenticationFailed);

    /// <summary>Warning: a source is blocked (logged once per block).</summary>
    public const string SourceBlocked = nameof(SourceBlocked);

    /// <summary>Warning: a user name is blocked (logged once per block).</summary>
    public const string UserBlocked = nameof(UserBlocked);

    /// <summary>Information: an authenticated user lacks a required role.</summary>
    public const string AuthorizationDenied = nameof(AuthorizationDenied);

    /// <summary>Information: a request refused before authentication (transport guarantee, auth method, blocked user, no role admitted).</summary>
    public const string RequestForbidden = nameof(RequestForbidden);

    private const int MaxUserNameLength = 64;

    /// <summary><c>authentication failed from 192.0.2.1 for user "alice": wrong password</c>.</summary>
    public static string FailureMessage(string address, string sanitizedUser, string reason) =>
        $"authentication failed from {address} for user \"{sanitizedUser}\": {reason}";

    /// <summary><c>source 192.0.2.1 blocked for 900 s after 20 authentication failures</c>.</summary>
    public static string SourceBlockedMessage(string address, TimeSpan duration, int failures) =>
        string.Create(CultureInfo.InvariantCulture, $"source {address} blocked for {(long)duration.TotalSeconds} s after {failures} authentication failures");

    /// <summary><c>user "alice" blocked for 900 s after 20 authentication failures</c>.</summary>
    public static string UserBlockedMessage(string sanitizedUser, TimeSpan duration, int failures) =>
        string.Create(CultureInfo.InvariantCulture, $"user \"{sanitizedUser}\" blocked for {(long)duration.TotalSeconds} s after {failures} authentication failures");

    /// <summary>
    /// A user name safe inside double quotes on one log line: letters, digits and visible ASCII other than '"' and
    /// '\' are kept, anything else (controls, spaces, quotes, format characters) becomes '?'; at most 64 characters.
    /// </summary>
    public static string SanitizeUser(string? userName)
    {
        if (string.IsNullOrEmpty(userName))
        {
            return string.Empty;
        }

        var length = Math.Min(userName.Length, MaxUserNameLength);
        var sb = new StringBuilder(length + 3);
        for (var i = 0; i < length; i++)
        {
            var c = userName[i];
            var keep = c is > ' ' and < (char)0x7f and not '"' and not '\\' || (c > 0x7f && char.IsLetterOrDigit(c));
            sb.Append(keep ? c : '?');
        }

        if (userName.Length > MaxUserNameLength)
        {
            sb.Append("...");
        }

        return sb.ToString();
    }
}
