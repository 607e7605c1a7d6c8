using SipSecurity.Sip.Headers;

namespace SipSecurity.Sip.Messages;

public abstract partial class SipMessage
{
    /// <summary>Content-Type (RFC 3261 §20.15), or null when absent.</summary>
    public SipMediaType? GetContentType()
        => Headers.TryGetFirst(SipHeaderId.ContentType, out var h) ? SipMediaType.Parse(h.Value.Span, "Content-Type") : null;

    /// <summary>The Accept media ranges (RFC 3261 §20.1), in order.</summary>
    public IReadOnlyList<SipMediaType> GetAccept()
    {
        var list = new List<SipMediaType>();
        foreach (var value in Headers.GetValues(SipHeaderId.Accept))
        {
            list.Add(SipMediaType.Parse(value.Span, "Accept"));
        }

        return list;
    }
}
