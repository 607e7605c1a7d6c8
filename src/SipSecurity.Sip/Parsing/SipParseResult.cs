using SipSecurity.Sip.Messages;

namespace SipSecurity.Sip.Parsing;

/// <summary>What <see cref="SipParser"/> found at the start of its input.</summary>
public enum SipParseStatus
{
    /// <summary>More bytes are needed; nothing was consumed.</summary>
    Incomplete,

    /// <summary>A whole message; <see cref="SipParseResult.Consumed"/> bytes belong to it (and to CRLFs before it).</summary>
    Complete,

    /// <summary>
    /// A keep-alive: on a stream, a CRLFCRLF "ping" that the transport answers with a CRLF "pong" (RFC 5626 §3.5.1);
    /// on a datagram transport, a packet of nothing but CRLFs. <see cref="SipParseResult.Consumed"/> bytes are used up.
    /// </summary>
    KeepAlive,
}

/// <summary>The outcome of one <see cref="SipParser"/> call; malformed input throws <see cref="SipParseException"/> instead.</summary>
public readonly struct SipParseResult
{
    private SipParseResult(SipParseStatus status, SipMessage? message, long consumed)
    {
        Status = status;
        Message = message;
        Consumed = consumed;
    }

    /// <summary>Whether a message, a keep-alive, or nothing yet was found.</summary>
    public SipParseStatus Status { get; }

    /// <summary>The message when <see cref="Status"/> is <see cref="SipParseStatus.Complete"/>.</summary>
    public SipMessage? Message { get; }

    /// <summary>How many input bytes to advance past (0 when incomplete). In datagram mode the whole datagram.</summary>
    public long Consumed { get; }

    internal static SipParseResult Incomplete => default;

    internal static SipParseResult Complete(SipMessage message, long consumed) => new(SipParseStatus.Complete, message, consumed);

    internal static SipParseResult KeepAlive(long consumed) => new(SipParseStatus.KeepAlive, null, consumed);
}
