using SipSecurity.Sip.Parsing;
using static SipSecurity.Sip.Tests.Vectors.VectorOutcome;

namespace SipSecurity.Sip.Tests.Vectors;

/// <summary>
/// The RFC 4475 vectors with their expected handling. The server's tests can use <see cref="ExpectedServerStatus"/> to
/// check end-to-end answers (401 assumes a registrar that challenges every REGISTER, as ours does).
/// </summary>
public static class Rfc4475Vectors
{
    private const int P = Rfc4475Expectation.Process;

    public static IReadOnlyList<Rfc4475Expectation> All { get; } =
    [
        new("valid/wsinv.dat", Accept, null, P, "INVITE: process"),
        new("valid/intmeth.dat", Accept, null, 501, "unknown method: UAS 405/501, proxy forwards; never 400"),
        new("valid/esc01.dat", Accept, null, P, "INVITE: process"),
        new("valid/escnull.dat", Accept, null, 401, "REGISTER: challenge"),
        new("valid/esc02.dat", Accept, null, 501, "method RE%47IST%45R is not REGISTER"),
        new("valid/lwsdisp.dat", Accept, null, P, "OPTIONS: process"),
        new("valid/longreq.dat", Accept, null, P, "INVITE: process"),
        new("valid/dblreq.dat", Accept, null, 401, "REGISTER: challenge; trailing INVITE octets ignored"),
        new("valid/semiuri.dat", Accept, null, P, "OPTIONS: process"),
        new("valid/transports.dat", Accept, null, P, "OPTIONS: process"),
        new("valid/mpart01.dat", Accept, null, P, "binary multipart body"),
        new("valid/unreason.dat", Accept, null, P, "response: to the transaction layer"),
        new("valid/noreason.dat", Accept, null, P, "response: to the transaction layer"),
        new("invalid/badinv01.dat", ValidationError, SipParseError.InvalidHeaderValue, 400, "empty Via params"),
        new("invalid/clerr.dat", ParseError, SipParseError.Truncated, 400, "UDP; on a stream the parser waits (Incomplete)"),
        new("invalid/ncl.dat", ParseError, SipParseError.InvalidContentLength, 400, "negative Content-Length"),
        new("invalid/scalar02.dat", ValidationError, SipParseError.InvalidHeaderValue, 400, "Max-Forwards 300, CSeq/Expires overflow"),
        new("invalid/scalarlg.dat", ValidationError, SipParseError.InvalidHeaderValue, null, "response: drop"),
        new("invalid/quotbal.dat", ValidationError, SipParseError.InvalidHeaderValue, 400, "unterminated quoted string in To"),
        new("invalid/ltgtruri.dat", ParseError, SipParseError.InvalidRequestUri, 400, "<> around Request-URI"),
        new("invalid/lwsruri.dat", ParseError, SipParseError.InvalidStartLine, 400, "LWS inside Request-URI"),
        new("invalid/lwsstart.dat", ParseError, SipParseError.InvalidStartLine, 400, "double SP in Request-Line"),
        new("invalid/trws.dat", ParseError, SipParseError.InvalidStartLine, 400, "trailing SP in Request-Line"),
        new("invalid/escruri.dat", ValidationError, SipParseError.InvalidRequestUri, 400, "headers in Request-URI"),
        new("invalid/baddate.dat", Accept, null, P, "Date is not interpreted: lenient acceptance, as RFC 4475 §3.1.2.12 allows"),
        new("invalid/regbadct.dat", ValidationError, SipParseError.InvalidHeaderValue, 400, "addr-spec with '?' not in <>"),
        new("invalid/badaspec.dat", ValidationError, SipParseError.InvalidHeaderValue, 400, "spaces inside <>"),
        new("invalid/baddn.dat", ValidationError, SipParseError.InvalidHeaderValue, 400, "comma in unquoted display name"),
        new("invalid/badvers.dat", ParseError, SipParseError.UnsupportedVersion, 505, "SIP/7.0"),
        new("invalid/mismatch01.dat", ValidationError, SipParseError.CSeqMethodMismatch, 400, "OPTIONS vs CSeq INVITE"),
        new("invalid/mismatch02.dat", ValidationError, SipParseError.CSeqMethodMismatch, 400, "NEWMETHOD vs CSeq INVITE"),
        new("invalid/bigcode.dat", ParseError, SipParseError.InvalidStatusCode, null, "response: drop"),
        new("semantic/badbranch.dat", Accept, null, P, "branch is only the magic cookie: RFC 2543 matching may apply"),
        new("semantic/insuf.dat", ValidationError, SipParseError.MissingRequiredHeader, 400, "no To, From, Call-ID, Max-Forwards"),
        new("semantic/unkscm.dat", Accept, null, 416, "Request-URI scheme unknown"),
        new("semantic/novelsc.dat", Accept, null, 416, "soap.beep: not supported here"),
        new("semantic/unksm2.dat", Accept, null, P, "unknown schemes in To/From/Contact are valid"),
        new("semantic/bext01.dat", Accept, null, 420, "Require: unknown option tags"),
        new("semantic/invut.dat", Accept, null, 415, "unknown Content-Type"),
        new("semantic/regaut01.dat", Accept, null, 401, "unknown Authorization scheme: challenge with Digest"),
        new("semantic/multi01.dat", ValidationError, SipParseError.DuplicateHeader, 400, "two CSeq/Call-ID/To/From"),
        new("semantic/mcl01.dat", ParseError, SipParseError.DuplicateContentLength, 400, "two Content-Length"),
        new("semantic/bcast.dat", Accept, null, null, "response with broadcast Via: drop"),
        new("semantic/zeromf.dat", Accept, null, 483, "proxy must not forward; a UAS may answer the OPTIONS itself"),
        new("semantic/cparam01.dat", Accept, null, 401, "REGISTER: challenge"),
        new("semantic/cparam02.dat", Accept, null, 401, "REGISTER: challenge"),
        new("semantic/regescrt.dat", Accept, null, 401, "REGISTER: challenge"),
        new("semantic/sdp01.dat", Accept, null, 406, "Accept lists nothing we can send"),
        new("semantic/inv2543.dat", Accept, null, P, "RFC 2543 syntax: accept"),
        new("unclassified/test.dat", ParseError, SipParseError.InvalidStartLine, 400, "no SIP-Version"),
        new("unclassified/baddn.sipsorcery-variant.dat", ParseError, SipParseError.Truncated, 400, "no empty line: datagram error, stream waits"),
    ];

    /// <summary>The status the server must answer with (null: drop; <see cref="Rfc4475Expectation.Process"/>: no mandated error).</summary>
    public static int? ExpectedServerStatus(string file) => All.Single(e => e.File == file).ServerStatus;

    public static TheoryData<Rfc4475Expectation> Where(Func<Rfc4475Expectation, bool> predicate)
    {
        var data = new TheoryData<Rfc4475Expectation>();
        foreach (var e in All.Where(predicate))
        {
            data.Add(e);
        }

        return data;
    }

    public static TheoryData<Rfc4475Expectation> AcceptedVectors => Where(e => e.Outcome == Accept);

    public static TheoryData<Rfc4475Expectation> ParseErrorVectors => Where(e => e.Outcome == ParseError);

    public static TheoryData<Rfc4475Expectation> ValidationErrorVectors => Where(e => e.Outcome == ValidationError);

    public static TheoryData<Rfc4475Expectation> AllVectors => Where(_ => true);

    /// <summary>Vectors that parse as datagrams and carry Content-Length, so they also frame on a stream.</summary>
    public static TheoryData<Rfc4475Expectation> StreamFramedVectors => Where(e =>
        e.Outcome != ParseError && !e.File.Contains("inv2543", StringComparison.Ordinal));
}
