namespace SipSecurity.Sip.Messages;

/// <summary>
/// A parsed SIP message over its received bytes (RFC 3261 §7). The start line and header boundaries are parsed eagerly;
/// typed header values (the Get* methods) are parsed on each call and throw <see cref="Parsing.SipParseException"/> when malformed.
/// Instances are immutable and safe to share between threads.
/// </summary>
public abstract partial class SipMessage
{
    private readonly int _bodyStart;
    private readonly int _bodyLength;

    private protected SipMessage(ReadOnlyMemory<byte> buffer, HeaderEntry[] headers, int bodyStart, int bodyLength)
    {
        RawBytes = buffer;
        Headers = new SipHeaderCollection(buffer, headers);
        _bodyStart = bodyStart;
        _bodyLength = bodyLength;
    }

    /// <summary>The protocol version; the parser accepts only this one (RFC 3261 §7.1).</summary>
    public const string Version = "SIP/2.0";

    /// <summary>The message bytes this object reads from: start line, header section and body (extra datagram octets excluded).</summary>
    public ReadOnlyMemory<byte> RawBytes { get; }

    /// <summary>The header fields in received order.</summary>
    public SipHeaderCollection Headers { get; }

    /// <summary>The message body (RFC 3261 §7.4): Content-Length octets, or the rest of the datagram when it is absent.</summary>
    public ReadOnlyMemory<byte> Body => RawBytes.Slice(_bodyStart, _bodyLength);

    /// <summary>Whether this is a <see cref="SipRequest"/>.</summary>
    public abstract bool IsRequest { get; }
}
