using System.Net;
using System.Text;
using SipSecurity.Server.Configuration;
using SipSecurity.Sip.Uri;

namespace SipSecurity.Server.Registrar;

/// <summary>
/// The canonical form of an address of record, the key of the location service (RFC 3261 §10.3 step 5):
/// "scheme:user@host" with a lower-case scheme and host, no password, port, parameters or headers, and the
/// user part's needless %-escapes decoded (RFC 3261 §19.1.4: "%61lice" is "alice"). The user part keeps its
/// case, as the RFC compares it case-sensitively. sip and sips stay distinct, as §19.1.4 requires.
/// </summary>
public static class SipAddressOfRecord
{
    // RFC 3261 §25.1 mark: unreserved = alphanum / mark. Escapes of these decode; reserved ones stay escaped.
    private const string Mark = "-_.!~*'()";

    /// <summary>
    /// Canonicalizes a SIP or SIPS URI ("sip:Alice@Example.COM:5060;transport=tcp", optionally in angle brackets),
    /// "user@host", or a bare user name, which needs <paramref name="defaultDomain"/> (the registrar's domain).
    /// Throws <see cref="SipSecurityException"/> (InvalidAddressOfRecord) for anything else.
    /// </summary>
    public static string Canonicalize(string uriOrUser, string? defaultDomain)
    {
        var text = uriOrUser?.Trim() ?? string.Empty;
        if (text.Length > 1 && text[0] == '<' && text[^1] == '>')
        {
            text = text[1..^1].Trim();
        }

        if (text.Length == 0)
        {
            throw Invalid(uriOrUser, "it is empty");
        }

        string candidate;
        if (HasScheme(text, "sip") || HasScheme(text, "sips"))
        {
            candidate = text;
        }
        else if (text.Contains('@', StringComparison.Ordinal))
        {
            candidate = "sip:" + text;
        }
        else if (text.Contains(':', StringComparison.Ordinal))
        {
            throw Invalid(uriOrUser, "only sip: and sips: URIs are addresses of record here");
        }
        else if (string.IsNullOrWhiteSpace(defaultDomain))
        {
            throw Invalid(uriOrUser, "a user name needs a domain; give the whole address, for example sip:alice@example.com");
        }
        else
        {
            candidate = "sip:" + text + "@" + defaultDomain.Trim();
        }

        if (!SipUri.TryParse(candidate, out var uri) || uri is null || !uri.IsSip || string.IsNullOrEmpty(uri.Host))
        {
            throw Invalid(uriOrUser, "it is not a valid SIP URI");
        }

        return FromUri(uri)!;
    }

    /// <summary>The canonical AOR of a To/From/Request-URI; null for one that cannot be an AOR (not SIP/SIPS, no host).</summary>
    public static string? FromUri(SipUri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsSip || string.IsNullOrEmpty(uri.Host))
        {
            return null;
        }

        var builder = new StringBuilder(uri.OriginalString.Length);
        builder.Append(uri.Scheme == SipUriScheme.Sips ? "sips:" : "sip:");
        if (!string.IsNullOrEmpty(uri.User))
        {
            AppendUser(builder, uri.User);
            builder.Append('@');
        }

        builder.Append(CanonicalHost(uri.Host, uri.HostKind));
        return builder.ToString();
    }

    /// <summary>The user part of a canonical AOR with its %-escapes decoded, or null when it has none.</summary>
    public static string? GetUser(string canonicalAor)
    {
        ArgumentNullException.ThrowIfNull(canonicalAor);
        var colon = canonicalAor.IndexOf(':', StringComparison.Ordinal);
        var at = canonicalAor.LastIndexOf('@');
        return colon < 0 || at <= colon ? null : UriEscaping.Unescape(canonicalAor[(colon + 1)..at]);
    }

    private static bool HasScheme(string text, string scheme) =>
        text.Length > scheme.Length && text[scheme.Length] == ':' && text.StartsWith(scheme, StringComparison.OrdinalIgnoreCase);

    private static void AppendUser(StringBuilder builder, string user)
    {
        for (var i = 0; i < user.Length; i++)
        {
            var c = user[i];
            if (c == '%' && i + 2 < user.Length && char.IsAsciiHexDigit(user[i + 1]) && char.IsAsciiHexDigit(user[i + 2]))
            {
                var decoded = (char)Convert.ToByte(user.Substring(i + 1, 2), 16);
                if (char.IsAsciiLetterOrDigit(decoded) || Mark.Contains(decoded, StringComparison.Ordinal))
                {
                    builder.Append(decoded);
                }
                else
                {
                    builder.Append('%').Append(char.ToUpperInvariant(user[i + 1])).Append(char.ToUpperInvariant(user[i + 2]));
                }

                i += 2;
            }
            else
            {
                builder.Append(c);
            }
        }
    }

    private static string CanonicalHost(string host, SipHostKind kind)
    {
        // One spelling per IPv6 address ("[2001:DB8:0::1]" is "[2001:db8::1]").
        if (kind == SipHostKind.IPv6 && IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            return "[" + address + "]";
        }

        return host.ToLowerInvariant();
    }

    private static SipSecurityException Invalid(string? text, string reason) =>
        new("InvalidAddressOfRecord", SipErrorKind.InvalidArgument,
            $"'{NameRules.Printable(text)}' is not an address of record: {reason}.", text);
}
