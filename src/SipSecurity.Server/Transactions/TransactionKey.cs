using System.Globalization;
using System.Text;
using SipSecurity.Sip.Headers;
using SipSecurity.Sip.Messages;

namespace SipSecurity.Server.Transactions;

/// <summary>
/// The bytes that identify a server transaction (RFC 3261 §17.2.3). Built into a caller's scratch span, so that a
/// retransmission is looked up without allocating; copied to an array only for a new transaction (one allocation,
/// about 60 bytes for a typical branch and sent-by, the smallest thing a key can be).
/// </summary>
internal static class TransactionKey
{
    // Neither a token (branch) nor a host contains it, so the parts cannot run into each other.
    private const byte Separator = (byte)'|';

    // Marks the RFC 2543 form; an RFC 3261 key starts with the (lower-cased) magic cookie.
    private const char Rfc2543Marker = '\u0002';

    /// <summary>
    /// The key of <paramref name="request"/> as it would match a transaction of <paramref name="method"/>: the request's own
    /// method; INVITE for an ACK, or for the INVITE that a CANCEL names (§9.2). Written into <paramref name="scratch"/>
    /// when it fits, else into a new array.
    /// </summary>
    public static ReadOnlySpan<byte> Create(SipRequest request, SipVia topVia, string method, Span<byte> scratch)
    {
        if (!topVia.HasRfc3261Branch)
        {
            return Encoding.UTF8.GetBytes(ForRfc2543(request, topVia, method));
        }

        var length = TryWriteBranchKey(topVia.Branch!, topVia.Host, topVia.Port, method, scratch);
        if (length >= 0)
        {
            return scratch[..length];
        }

        // Longer than the scratch space, or not ASCII: rare enough to allocate.
        var text = string.Join('|', topVia.Branch!.ToLowerInvariant(), topVia.Host.ToLowerInvariant(),
            topVia.Port?.ToString(CultureInfo.InvariantCulture), method);
        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>
    /// RFC 3261 §17.2.3: branch, sent-by and method. Branch and host compare case-insensitively (§7.3.1: tokens and host
    /// names), so both are lower-cased; an absent port stays distinct from an explicit one. -1 when it does not fit or
    /// is not ASCII.
    /// </summary>
    private static int TryWriteBranchKey(string branch, string host, int? port, string method, Span<byte> destination)
    {
        var n = 0;
        if (!TryAppendLower(branch, destination, ref n) || !TryAppend(Separator, destination, ref n) || !TryAppendLower(host, destination, ref n))
        {
            return -1;
        }

        if (port is { } p)
        {
            if (!TryAppend((byte)':', destination, ref n) || !p.TryFormat(destination[n..], out var written, default, CultureInfo.InvariantCulture))
            {
                return -1;
            }

            n += written;
        }

        if (!TryAppend(Separator, destination, ref n))
        {
            return -1;
        }

        var code = MethodCode(method);
        if (code != 0)
        {
            return TryAppend(code, destination, ref n) ? n : -1;
        }

        // Other methods are spelled out, case-sensitively (§7.1); they start with a letter, never with a code.
        return Ascii.FromUtf16(method, destination[n..], out var methodLength) == System.Buffers.OperationStatus.Done ? n + methodLength : -1;
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
        return string.Join('|', parts);
    }

    private static bool TryAppendLower(string text, Span<byte> destination, ref int n)
    {
        if (destination.Length - n < text.Length)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c > 0x7F)
            {
                return false;
            }

            destination[n++] = (byte)(c is >= 'A' and <= 'Z' ? c | 0x20 : c);
        }

        return true;
    }

    private static bool TryAppend(byte value, Span<byte> destination, ref int n)
    {
        if (n >= destination.Length)
        {
            return false;
        }

        destination[n++] = value;
        return true;
    }

    // One byte for the common methods keeps ~600k live keys small.
    private static byte MethodCode(string method) => method switch
    {
        SipMethods.Invite => 1,
        SipMethods.Register => 3,
        SipMethods.Cancel => 4,
        SipMethods.Options => 5,
        SipMethods.Bye => 6,
        SipMethods.Subscribe => 7,
        SipMethods.Notify => 8,
        SipMethods.Message => 14,
        SipMethods.Publish => 15,
        SipMethods.Info => 16,
        SipMethods.Update => 17,
        SipMethods.Prack => 18,
        SipMethods.Refer => 19,
        _ => 0,
    };
}
