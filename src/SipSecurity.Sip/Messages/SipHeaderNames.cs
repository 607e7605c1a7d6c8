using System.Text;

namespace SipSecurity.Sip.Messages;

/// <summary>Maps header field names (case-insensitive, compact forms included) to <see cref="SipHeaderId"/> and back.</summary>
public static class SipHeaderNames
{
    private static readonly string[] s_canonical = BuildCanonical();

    // Grouped by length so classification compares against a handful of candidates only.
    private static readonly (SipHeaderId Id, byte[] Lower)[][] s_byLength = BuildByLength();

    private static string[] BuildCanonical()
    {
        var names = new string[(int)SipHeaderId.WwwAuthenticate + 1];
        names[0] = string.Empty;
        names[(int)SipHeaderId.Accept] = "Accept";
        names[(int)SipHeaderId.AcceptContact] = "Accept-Contact";
        names[(int)SipHeaderId.AcceptEncoding] = "Accept-Encoding";
        names[(int)SipHeaderId.AcceptLanguage] = "Accept-Language";
        names[(int)SipHeaderId.AlertInfo] = "Alert-Info";
        names[(int)SipHeaderId.Allow] = "Allow";
        names[(int)SipHeaderId.AllowEvents] = "Allow-Events";
        names[(int)SipHeaderId.AuthenticationInfo] = "Authentication-Info";
        names[(int)SipHeaderId.Authorization] = "Authorization";
        names[(int)SipHeaderId.CallId] = "Call-ID";
        names[(int)SipHeaderId.CallInfo] = "Call-Info";
        names[(int)SipHeaderId.Contact] = "Contact";
        names[(int)SipHeaderId.ContentDisposition] = "Content-Disposition";
        names[(int)SipHeaderId.ContentEncoding] = "Content-Encoding";
        names[(int)SipHeaderId.ContentLanguage] = "Content-Language";
        names[(int)SipHeaderId.ContentLength] = "Content-Length";
        names[(int)SipHeaderId.ContentType] = "Content-Type";
        names[(int)SipHeaderId.CSeq] = "CSeq";
        names[(int)SipHeaderId.Date] = "Date";
        names[(int)SipHeaderId.ErrorInfo] = "Error-Info";
        names[(int)SipHeaderId.Event] = "Event";
        names[(int)SipHeaderId.Expires] = "Expires";
        names[(int)SipHeaderId.From] = "From";
        names[(int)SipHeaderId.Identity] = "Identity";
        names[(int)SipHeaderId.InReplyTo] = "In-Reply-To";
        names[(int)SipHeaderId.MaxForwards] = "Max-Forwards";
        names[(int)SipHeaderId.MimeVersion] = "MIME-Version";
        names[(int)SipHeaderId.MinExpires] = "Min-Expires";
        names[(int)SipHeaderId.Organization] = "Organization";
        names[(int)SipHeaderId.Priority] = "Priority";
        names[(int)SipHeaderId.ProxyAuthenticate] = "Proxy-Authenticate";
        names[(int)SipHeaderId.ProxyAuthorization] = "Proxy-Authorization";
        names[(int)SipHeaderId.ProxyRequire] = "Proxy-Require";
        names[(int)SipHeaderId.RecordRoute] = "Record-Route";
        names[(int)SipHeaderId.ReferTo] = "Refer-To";
        names[(int)SipHeaderId.ReferredBy] = "Referred-By";
        names[(int)SipHeaderId.ReplyTo] = "Reply-To";
        names[(int)SipHeaderId.Require] = "Require";
        names[(int)SipHeaderId.RetryAfter] = "Retry-After";
        names[(int)SipHeaderId.Route] = "Route";
        names[(int)SipHeaderId.Server] = "Server";
        names[(int)SipHeaderId.SessionExpires] = "Session-Expires";
        names[(int)SipHeaderId.Subject] = "Subject";
        names[(int)SipHeaderId.Supported] = "Supported";
        names[(int)SipHeaderId.Timestamp] = "Timestamp";
        names[(int)SipHeaderId.To] = "To";
        names[(int)SipHeaderId.Unsupported] = "Unsupported";
        names[(int)SipHeaderId.UserAgent] = "User-Agent";
        names[(int)SipHeaderId.Via] = "Via";
        names[(int)SipHeaderId.Warning] = "Warning";
        names[(int)SipHeaderId.WwwAuthenticate] = "WWW-Authenticate";
        return names;
    }

    private static (SipHeaderId, byte[])[][] BuildByLength()
    {
        var lists = new List<(SipHeaderId, byte[])>[32];
        for (var i = 1; i < s_canonical.Length; i++)
        {
            var lower = Encoding.ASCII.GetBytes(s_canonical[i].ToLowerInvariant());
            (lists[lower.Length] ??= []).Add(((SipHeaderId)i, lower));
        }

        var result = new (SipHeaderId, byte[])[32][];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = lists[i]?.ToArray() ?? [];
        }

        return result;
    }

    /// <summary>The full name used when writing a header (e.g. "Call-ID" for <see cref="SipHeaderId.CallId"/>).</summary>
    public static string GetName(SipHeaderId id) => s_canonical[(int)id];

    /// <summary>Classifies a header name; compact forms (RFC 3261 §7.3.3) map to their full header.</summary>
    public static SipHeaderId Classify(ReadOnlySpan<byte> name)
    {
        if (name.Length == 1)
        {
            return ClassifyCompact(name[0]);
        }

        if (name.Length >= s_byLength.Length)
        {
            return SipHeaderId.Unknown;
        }

        foreach (var (id, lower) in s_byLength[name.Length])
        {
            if (System.Text.Ascii.EqualsIgnoreCase(name, lower))
            {
                return id;
            }
        }

        return SipHeaderId.Unknown;
    }

    /// <summary>Classifies a header name given as a string.</summary>
    public static SipHeaderId Classify(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length >= s_byLength.Length || !System.Text.Ascii.IsValid(name))
        {
            return SipHeaderId.Unknown;
        }

        Span<byte> bytes = stackalloc byte[name.Length];
        System.Text.Ascii.FromUtf16(name, bytes, out _);
        return Classify(bytes);
    }

    // RFC 3261 §7.3.3 and §20; a (RFC 3841), b (RFC 3892), o/u (RFC 6665), r (RFC 3515), x (RFC 4028), y (RFC 8224).
    private static SipHeaderId ClassifyCompact(byte b) => (b | 0x20) switch
    {
        'a' => SipHeaderId.AcceptContact,
        'b' => SipHeaderId.ReferredBy,
        'c' => SipHeaderId.ContentType,
        'e' => SipHeaderId.ContentEncoding,
        'f' => SipHeaderId.From,
        'i' => SipHeaderId.CallId,
        'k' => SipHeaderId.Supported,
        'l' => SipHeaderId.ContentLength,
        'm' => SipHeaderId.Contact,
        'o' => SipHeaderId.Event,
        'r' => SipHeaderId.ReferTo,
        's' => SipHeaderId.Subject,
        't' => SipHeaderId.To,
        'u' => SipHeaderId.AllowEvents,
        'v' => SipHeaderId.Via,
        'x' => SipHeaderId.SessionExpires,
        'y' => SipHeaderId.Identity,
        _ => SipHeaderId.Unknown,
    };
}
