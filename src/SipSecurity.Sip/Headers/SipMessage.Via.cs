using SipSecurity.Sip.Headers;

namespace SipSecurity.Sip.Messages;

public abstract partial class SipMessage
{
    /// <summary>All Via values, topmost first, across Via header fields and commas (RFC 3261 §7.3.1, §20.42).</summary>
    public IReadOnlyList<SipVia> GetVias()
    {
        var list = new List<SipVia>();
        foreach (var value in Headers.GetValues(SipHeaderId.Via))
        {
            list.Add(SipVia.Parse(value.Span));
        }

        return list;
    }

    /// <summary>The topmost Via value, or null when there is none.</summary>
    public SipVia? GetTopVia()
    {
        foreach (var value in Headers.GetValues(SipHeaderId.Via))
        {
            return SipVia.Parse(value.Span);
        }

        return null;
    }
}
