namespace SipSecurity.Sip.Parsing;

/// <summary>Why a SIP message (or one of its header values) was rejected.</summary>
public enum SipParseError
{
    /// <summary>The start line is not a Request-Line or Status-Line (RFC 3261 §7.1, §7.2).</summary>
    InvalidStartLine,

    /// <summary>The method is not a token (RFC 3261 §25.1).</summary>
    InvalidMethod,

    /// <summary>The Request-URI is malformed or not allowed there (RFC 3261 §19.1.1).</summary>
    InvalidRequestUri,

    /// <summary>A well-formed SIP-Version other than SIP/2.0: answer 505 (RFC 3261 §8.2.2... §21.5.15).</summary>
    UnsupportedVersion,

    /// <summary>The Status-Code is not three digits in 100..699 (RFC 3261 §7.2).</summary>
    InvalidStatusCode,

    /// <summary>A header line has no colon, or its name is not a token (RFC 3261 §7.3).</summary>
    InvalidHeaderLine,

    /// <summary>A header value does not match its grammar (RFC 3261 §20, §25).</summary>
    InvalidHeaderValue,

    /// <summary>A URI does not match its grammar (RFC 3261 §19.1, §25).</summary>
    InvalidUri,

    /// <summary>A line is longer than <see cref="SipParserOptions.MaxLineLength"/>.</summary>
    LineTooLong,

    /// <summary>More header fields than <see cref="SipParserOptions.MaxHeaderCount"/>.</summary>
    TooManyHeaders,

    /// <summary>The message is larger than <see cref="SipParserOptions.MaxMessageSize"/> (answer 513, RFC 3261 §21.5.14).</summary>
    MessageTooLarge,

    /// <summary>Content-Length is not a non-negative decimal that fits the limits (RFC 3261 §20.14).</summary>
    InvalidContentLength,

    /// <summary>Content-Length appears more than once: framing would be ambiguous (RFC 4475 §3.3.9).</summary>
    DuplicateContentLength,

    /// <summary>Stream transports require Content-Length (RFC 3261 §18.3, §20.14).</summary>
    MissingContentLength,

    /// <summary>A datagram ends before the header section does, or before Content-Length octets of body (RFC 3261 §18.3).</summary>
    Truncated,

    /// <summary>A mandatory header field is absent (RFC 3261 §8.1.1).</summary>
    MissingRequiredHeader,

    /// <summary>A header field that allows one value appears more than once (RFC 3261 §7.3, RFC 4475 §3.3.8).</summary>
    DuplicateHeader,

    /// <summary>The CSeq method does not match the request method (RFC 3261 §8.1.1.5, RFC 4475 §3.1.2.17).</summary>
    CSeqMethodMismatch,
}
