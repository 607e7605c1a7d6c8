namespace SipSecurity.Sip.Parsing;

/// <summary>
/// The one exception type of the SIP parser and of lazy header accessors: the input does not follow RFC 3261.
/// The message never contains the raw input unless <see cref="SipParserOptions.IncludeRawInputInErrors"/> is set.
/// </summary>
public sealed class SipParseException : Exception
{
    /// <summary>Creates an exception with a reason and a human-readable message.</summary>
    public SipParseException(SipParseError reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    /// <summary>Creates an exception that names the header field whose value was rejected.</summary>
    public SipParseException(SipParseError reason, string message, string? headerName)
        : base(message)
    {
        Reason = reason;
        HeaderName = headerName;
    }

    /// <summary>Creates an exception (required by the exception pattern; prefer the overloads with a reason).</summary>
    public SipParseException()
        : this(SipParseError.InvalidStartLine, "Malformed SIP message.")
    {
    }

    /// <summary>Creates an exception (required by the exception pattern; prefer the overloads with a reason).</summary>
    public SipParseException(string message)
        : this(SipParseError.InvalidStartLine, message)
    {
    }

    /// <summary>Creates an exception (required by the exception pattern; prefer the overloads with a reason).</summary>
    public SipParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Why the input was rejected.</summary>
    public SipParseError Reason { get; }

    /// <summary>The header field concerned, when the error is about one.</summary>
    public string? HeaderName { get; }

    /// <summary>
    /// The status a UAS or proxy should answer a request with (RFC 3261 §8.2, §21): 505 for an unsupported version,
    /// 513 for an oversize message, otherwise 400. Responses that fail to parse are dropped, never answered.
    /// </summary>
    public int SuggestedStatusCode => Reason switch
    {
        SipParseError.UnsupportedVersion => 505,
        SipParseError.MessageTooLarge => 513,
        _ => 400,
    };
}
