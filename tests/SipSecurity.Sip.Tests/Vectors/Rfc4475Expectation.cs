using SipSecurity.Sip.Parsing;

namespace SipSecurity.Sip.Tests.Vectors;

/// <summary>
/// The expected handling of one RFC 4475 vector: what the parser/validator do, and what the server must answer later
/// (<see cref="ServerStatus"/>: a status code, <see cref="Process"/> for "handle normally", or null for "drop, never answer").
/// </summary>
public sealed record Rfc4475Expectation(string File, VectorOutcome Outcome, SipParseError? Reason, int? ServerStatus, string Note)
{
    /// <summary>ServerStatus value meaning: no error is mandated, process the message normally.</summary>
    public const int Process = 0;

    public override string ToString() => File;
}
