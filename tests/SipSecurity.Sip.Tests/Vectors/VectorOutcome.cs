namespace SipSecurity.Sip.Tests.Vectors;

/// <summary>What this library does with a vector.</summary>
public enum VectorOutcome
{
    /// <summary>Parses as a datagram and passes <c>SipMessageValidator</c>.</summary>
    Accept,

    /// <summary><c>SipParser</c> throws (datagram mode).</summary>
    ParseError,

    /// <summary>Parses, but <c>SipMessageValidator</c> throws.</summary>
    ValidationError,
}
