using SipSecurity.Sip.Uri;

namespace SipSecurity.Server.Registrar;

/// <summary>
/// The canonical text of an address of record: "sip:alice@example.com" (scheme, unescaped user,
/// lower-case host; no port, parameters or headers), so that the registrar, the store and the
/// cmdlets agree on one key per AOR.
/// </summary>
public static class SipAddressOfRecord
{
    /// <summary>The canonical AOR of a To/From URI; null for a URI that cannot be an AOR (tel:, no host).</summary>
    public static string? FromUri(SipUri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsSip || string.IsNullOrEmpty(uri.Host))
        {
            return null;
        }

        var scheme = uri.Scheme == SipUriScheme.Sips ? "sips:" : "sip:";
        var host = uri.Host.ToLowerInvariant();
        return uri.UnescapedUser is { Length: > 0 } user ? $"{scheme}{user}@{host}" : scheme + host;
    }

    /// <summary>
    /// Canonicalizes what an operator typed: a SIP URI, "user@domain", or a bare user name (which then
    /// needs <paramref name="defaultDomain"/>; without one the result is null).
    /// </summary>
    public static string? Canonicalize(string uriOrUser, string? defaultDomain = null)
    {
        ArgumentNullException.ThrowIfNull(uriOrUser);
        var text = uriOrUser.Trim();
        if (!text.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) && !text.StartsWith("sips:", StringComparison.OrdinalIgnoreCase))
        {
            if (!text.Contains('@', StringComparison.Ordinal))
            {
                if (string.IsNullOrEmpty(defaultDomain))
                {
                    return null;
                }

                text += "@" + defaultDomain;
            }

            text = "sip:" + text;
        }

        return SipUri.TryParse(text, out var uri) && uri is not null ? FromUri(uri) : null;
    }
}
