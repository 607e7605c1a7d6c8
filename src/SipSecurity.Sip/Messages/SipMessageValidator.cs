using SipSecurity.Sip.Parsing;
using SipSecurity.Sip.Uri;

namespace SipSecurity.Sip.Messages;

/// <summary>
/// The syntax checks a UAS or proxy makes before processing (RFC 3261 §8.2, §16.3), beyond framing: mandatory headers,
/// single-valued headers, well-formed values of the core headers, CSeq method. Failures throw <see cref="SipParseException"/>;
/// answer requests with <see cref="SipParseException.SuggestedStatusCode"/> and drop responses.
/// </summary>
public static class SipMessageValidator
{
    // RFC 3261 §8.1.1: every request and response carries these. Max-Forwards is not enforced so RFC 2543 peers
    // still work (RFC 4475 §3.4.1); a proxy adds it (§16.6 step 3).
    private static readonly SipHeaderId[] s_required = [SipHeaderId.To, SipHeaderId.From, SipHeaderId.CSeq, SipHeaderId.CallId, SipHeaderId.Via];

    // Fields whose grammar allows one value (RFC 3261 §7.3.1, §20; RFC 4475 §3.3.8).
    private static readonly SipHeaderId[] s_single =
    [
        SipHeaderId.To, SipHeaderId.From, SipHeaderId.CSeq, SipHeaderId.CallId, SipHeaderId.MaxForwards,
        SipHeaderId.ContentLength, SipHeaderId.ContentType, SipHeaderId.Expires, SipHeaderId.MinExpires,
    ];

    /// <summary>Throws <see cref="SipParseException"/> when the message breaks one of the checks.</summary>
    public static void Validate(SipMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var headers = message.Headers;
        foreach (var id in s_required)
        {
            if (!headers.Contains(id))
            {
                var name = SipHeaderNames.GetName(id);
                throw new SipParseException(SipParseError.MissingRequiredHeader, $"Missing {name} header.", name);
            }
        }

        foreach (var id in s_single)
        {
            if (headers.CountOf(id) > 1)
            {
                var name = SipHeaderNames.GetName(id);
                throw new SipParseException(SipParseError.DuplicateHeader, $"{name} appears more than once.", name);
            }
        }

        // Parse every core header so that a malformed one is found here, not deep inside a transaction.
        _ = message.GetVias();
        _ = message.GetFrom();
        _ = message.GetTo();
        _ = message.GetCallId();
        _ = message.GetMaxForwards();
        _ = message.GetContacts();
        _ = message.GetExpires();
        _ = message.GetMinExpires();
        _ = message.GetContentType();
        _ = message.GetRoutes();
        _ = message.GetRecordRoutes();
        var cseq = message.GetCSeq()!.Value;

        // RFC 3261 §8.1.1.5: the sequence number must be less than 2^31.
        if (cseq.Number >= 1u << 31)
        {
            throw new SipParseException(SipParseError.InvalidHeaderValue, "CSeq number must be less than 2^31.", "CSeq");
        }

        if (message is SipRequest request)
        {
            ValidateRequest(request, cseq.Method);
        }
    }

    /// <summary>Runs <see cref="Validate"/> and returns the error instead of throwing.</summary>
    public static bool TryValidate(SipMessage message, out SipParseException? error)
    {
        try
        {
            Validate(message);
            error = null;
            return true;
        }
        catch (SipParseException e)
        {
            error = e;
            return false;
        }
    }

    private static void ValidateRequest(SipRequest request, string cseqMethod)
    {
        // RFC 3261 §8.1.1.5, RFC 4475 §3.1.2.17-18: CSeq method equals the request method.
        if (!string.Equals(cseqMethod, request.Method, StringComparison.Ordinal))
        {
            throw new SipParseException(SipParseError.CSeqMethodMismatch, "CSeq method does not match the request method.", "CSeq");
        }

        SipUri uri;
        try
        {
            uri = request.GetRequestUri();
        }
        catch (SipParseException e)
        {
            throw new SipParseException(SipParseError.InvalidRequestUri, "Malformed Request-URI: " + e.Message);
        }

        // RFC 3261 §19.1.1 table 1: the headers component is not allowed in a Request-URI (RFC 4475 §3.1.2.11).
        if (uri.IsSip && uri.Headers.Count > 0)
        {
            throw new SipParseException(SipParseError.InvalidRequestUri, "Request-URI must not carry a headers component.");
        }
    }
}
