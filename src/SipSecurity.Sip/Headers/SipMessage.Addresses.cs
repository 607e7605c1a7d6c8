using SipSecurity.Sip.Headers;
using SipSecurity.Sip.Parsing;

namespace SipSecurity.Sip.Messages;

public abstract partial class SipMessage
{
    /// <summary>The From address (RFC 3261 §20.20), or null when absent.</summary>
    public SipNameAddress? GetFrom() => GetSingleAddress(SipHeaderId.From);

    /// <summary>The To address (RFC 3261 §20.39), or null when absent.</summary>
    public SipNameAddress? GetTo() => GetSingleAddress(SipHeaderId.To);

    /// <summary>All Contact values in order (RFC 3261 §20.10); "*" is a wildcard entry.</summary>
    public IReadOnlyList<SipContact> GetContacts()
    {
        var list = new List<SipContact>();
        foreach (var value in Headers.GetValues(SipHeaderId.Contact))
        {
            list.Add(SipContact.Parse(value.Span));
        }

        return list;
    }

    /// <summary>All Route values in order (RFC 3261 §20.34).</summary>
    public IReadOnlyList<SipNameAddress> GetRoutes() => GetAddressList(SipHeaderId.Route);

    /// <summary>All Record-Route values in order (RFC 3261 §20.30).</summary>
    public IReadOnlyList<SipNameAddress> GetRecordRoutes() => GetAddressList(SipHeaderId.RecordRoute);

    private List<SipNameAddress> GetAddressList(SipHeaderId id)
    {
        var list = new List<SipNameAddress>();
        foreach (var value in Headers.GetValues(id))
        {
            list.Add(SipNameAddress.Parse(value.Span, SipHeaderNames.GetName(id)));
        }

        return list;
    }

    private SipNameAddress? GetSingleAddress(SipHeaderId id)
        => Headers.TryGetFirst(id, out var header) ? SipNameAddress.Parse(header.Value.Span, SipHeaderNames.GetName(id)) : null;

    private protected string? GetSingleRaw(SipHeaderId id)
        => Headers.TryGetFirst(id, out var header) ? System.Text.Encoding.UTF8.GetString(header.Value.Span) : null;

    private protected static SipParseException Malformed(SipHeaderId id, string what)
        => new(SipParseError.InvalidHeaderValue, $"Malformed {SipHeaderNames.GetName(id)} header: {what}.", SipHeaderNames.GetName(id));
}
