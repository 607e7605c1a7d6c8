using System.Text;
using SipSecurity.Sip.Headers;
using SipSecurity.Sip.Parsing;

namespace SipSecurity.Sip.Messages;

public abstract partial class SipMessage
{
    /// <summary>The Call-ID (RFC 3261 §20.8, callid = word ["@" word]), or null when absent.</summary>
    public string? GetCallId()
    {
        if (!Headers.TryGetFirst(SipHeaderId.CallId, out var header))
        {
            return null;
        }

        var span = header.Value.Span;
        var at = span.IndexOf((byte)'@');
        if (span.IsEmpty || !IsWord(at >= 0 ? span[..at] : span) || (at >= 0 && !IsWord(span[(at + 1)..])))
        {
            throw Malformed(SipHeaderId.CallId, "not word[@word]");
        }

        return Encoding.ASCII.GetString(span);
    }

    /// <summary>The CSeq (RFC 3261 §20.16), or null when absent.</summary>
    public SipCSeq? GetCSeq() => Headers.TryGetFirst(SipHeaderId.CSeq, out var h) ? SipCSeq.Parse(h.Value.Span) : null;

    /// <summary>Max-Forwards, 0..255 (RFC 3261 §20.22), or null when absent.</summary>
    public int? GetMaxForwards() => GetNumber(SipHeaderId.MaxForwards, 255) is { } n ? (int)n : null;

    /// <summary>Expires in seconds (RFC 3261 §20.19), or null when absent.</summary>
    public uint? GetExpires() => GetNumber(SipHeaderId.Expires, uint.MaxValue) is { } n ? (uint)n : null;

    /// <summary>Min-Expires in seconds (RFC 3261 §20.23), or null when absent.</summary>
    public uint? GetMinExpires() => GetNumber(SipHeaderId.MinExpires, uint.MaxValue) is { } n ? (uint)n : null;

    /// <summary>Content-Length as received (RFC 3261 §20.14), or null when absent; <see cref="Body"/> is already framed by it.</summary>
    public int? GetContentLength() => GetNumber(SipHeaderId.ContentLength, int.MaxValue) is { } n ? (int)n : null;

    private ulong? GetNumber(SipHeaderId id, ulong max)
        => Headers.TryGetFirst(id, out var h) ? SipNumbers.ParseDigits(h.Value.Span, max, SipHeaderNames.GetName(id)) : null;

    private static bool IsWord(ReadOnlySpan<byte> span)
    {
        // word = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~" / "(" / ")" / "<" / ">" / ":" / "\" / DQUOTE / "/" / "[" / "]" / "?" / "{" / "}")
        if (span.IsEmpty)
        {
            return false;
        }

        foreach (var b in span)
        {
            if (!SipChars.IsToken(b) && "()<>:\\\"/[]?{}"u8.IndexOf(b) < 0)
            {
                return false;
            }
        }

        return true;
    }
}
