using System.Text;

namespace SipSecurity.Sip.Messages;

/// <summary>A SIP response: SIP-Version SP Status-Code SP Reason-Phrase (RFC 3261 §7.2).</summary>
public sealed class SipResponse : SipMessage
{
    private readonly int _reasonStart;
    private readonly int _reasonLength;

    internal SipResponse(ReadOnlyMemory<byte> buffer, HeaderEntry[] headers, int bodyStart, int bodyLength, int statusCode, int reasonStart, int reasonLength)
        : base(buffer, headers, bodyStart, bodyLength)
    {
        StatusCode = statusCode;
        _reasonStart = reasonStart;
        _reasonLength = reasonLength;
    }

    /// <summary>The status code, 100..699.</summary>
    public int StatusCode { get; }

    /// <inheritdoc/>
    public override bool IsRequest => false;

    /// <summary>The reason phrase bytes (UTF-8, may be empty, RFC 3261 §25.1).</summary>
    public ReadOnlyMemory<byte> ReasonPhraseBytes => RawBytes.Slice(_reasonStart, _reasonLength);

    /// <summary>The reason phrase as a string (allocates).</summary>
    public string ReasonPhrase => Encoding.UTF8.GetString(ReasonPhraseBytes.Span);
}
