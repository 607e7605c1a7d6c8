using System.Globalization;
using SipSecurity.Sip.Headers;
using SipSecurity.Sip.Messages;

namespace SipSecurity.Server.Transactions;

/// <summary>The one string that identifies a server transaction (RFC 3261 §17.2.3).</summary>
internal static class TransactionKey
{
    // Neither a token (branch) nor a host contains it, so the parts cannot run into each other.
    private const char Separator = '|';

    // Marks the RFC 2543 form; an RFC 3261 key starts with the (lower-cased) magic cookie.
    private const char Rfc2543Marker = '\u0002';

    /// <summary>
    /// The key of <paramref name="request"/> as it would match a transaction of <paramref name="method"/> (the request's own
    /// method; INVITE for an ACK, or for the INVITE that a CANCEL names, §9.2).
    /// </summary>
    public static string Create(SipRequest request, SipVia topVia, string method)
        => topVia.HasRfc3261Branch ? ForBranch(topVia.Branch!, topVia.Host, topVia.Port, method) : ForRfc2543(request, topVia, method);

    /// <summary>
    /// RFC 3261 §17.2.3: branch, sent-by and method. Branch and host compare case-insensitively (§7.3.1: tokens and host
    /// names), so both are lower-cased; an absent port stays distinct from an explicit one. One allocation.
    /// </summary>
    public static string ForBranch(string branch, string host, int? port, string method)
    {
        var code = MethodCode(method);
        var length = branch.Length + 1 + host.Length + (port is { } p ? 1 + Digits(p) : 0) + 1 + (code == '\0' ? method.Length : 1);
        return string.Create(length, (branch, host, port, method, code), static (span, s) =>
        {
            var n = s.branch.AsSpan().ToLowerInvariant(span);
            span[n++] = Separator;
            n += s.host.AsSpan().ToLowerInvariant(span[n..]);
            if (s.port is { } port)
            {
                span[n++] = ':';
                port.TryFormat(span[n..], out var written, default, CultureInfo.InvariantCulture);
                n += written;
            }

            span[n++] = Separator;
            if (s.code == '\0')
            {
                s.method.AsSpan().CopyTo(span[n..]);
            }
            else
            {
                span[n] = s.code;
            }
        });
    }

    /// <summary>
    /// RFC 3261 §17.2.3, second half, for requests without the magic cookie: Request-URI, From tag, Call-ID, CSeq number,
    /// method and top Via; the To tag too, except for INVITE, whose ACK carries the To tag of the response instead.
    /// A CANCEL names its INVITE the same way (§9.2). Rare, so plainly concatenated.
    /// </summary>
    public static string ForRfc2543(SipRequest request, SipVia topVia, string method)
    {
        var cseq = request.GetCSeq()?.Number ?? 0;
        var toTag = method == SipMethods.Invite ? null : request.GetTo()?.Tag;
        var parts = new[]
        {
            Rfc2543Marker + method,
            cseq.ToString(CultureInfo.InvariantCulture),
            request.GetCallId() ?? string.Empty,
            request.GetFrom()?.Tag ?? string.Empty,
            toTag ?? string.Empty,
            request.RequestUriText,
            topVia.Transport,
            topVia.Host.ToLowerInvariant(),
            topVia.Port?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            topVia.Branch ?? string.Empty,
        };
        return string.Join(Separator, parts);
    }

    private static int Digits(int value) => value < 10 ? 1 : value < 100 ? 2 : value < 1000 ? 3 : value < 10000 ? 4 : 5;

    // One character for the common methods keeps ~600k live keys small; others are spelled out (they start with a letter).
    private static char MethodCode(string method) => method switch
    {
        SipMethods.Invite => '\u0001',
        SipMethods.Register => '\u0003',
        SipMethods.Cancel => '\u0004',
        SipMethods.Options => '\u0005',
        SipMethods.Bye => '\u0006',
        SipMethods.Subscribe => '\u0007',
        SipMethods.Notify => '\u0008',
        SipMethods.Message => '\u000E',
        SipMethods.Publish => '\u000F',
        SipMethods.Info => '\u0010',
        SipMethods.Update => '\u0011',
        SipMethods.Prack => '\u0012',
        SipMethods.Refer => '\u0013',
        _ => '\0',
    };
}
