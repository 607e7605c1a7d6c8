using System.Text;
using SipSecurity.Sip.Uri;

namespace SipSecurity.Sip.Messages;

/// <summary>A SIP request: Method SP Request-URI SP SIP-Version (RFC 3261 §7.1).</summary>
public sealed class SipRequest : SipMessage
{
    private readonly int _uriStart;
    private readonly int _uriLength;

    internal SipRequest(ReadOnlyMemory<byte> buffer, HeaderEntry[] headers, int bodyStart, int bodyLength, string method, int uriStart, int uriLength)
        : base(buffer, headers, bodyStart, bodyLength)
    {
        Method = method;
        _uriStart = uriStart;
        _uriLength = uriLength;
    }

    /// <summary>The method, case-sensitive (RFC 3261 §7.1); known methods are the interned constants of <see cref="SipMethods"/>.</summary>
    public string Method { get; }

    /// <inheritdoc/>
    public override bool IsRequest => true;

    /// <summary>The Request-URI bytes as received.</summary>
    public ReadOnlyMemory<byte> RequestUriBytes => RawBytes.Slice(_uriStart, _uriLength);

    /// <summary>The Request-URI as a string (allocates).</summary>
    public string RequestUriText => Encoding.UTF8.GetString(RequestUriBytes.Span);

    /// <summary>Parses the Request-URI (sip, sips, tel; other schemes stay opaque). Throws <see cref="Parsing.SipParseException"/> if malformed.</summary>
    public SipUri GetRequestUri() => SipUri.Parse(RequestUriBytes.Span);
}
