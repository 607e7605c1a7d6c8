using SipSecurity.Sip.Messages;

namespace SipSecurity.Sip.Tests;

/// <summary>Semantic message equality: start line, headers (raw names, unfolded values; Content-Length by value), body.</summary>
internal static class MessageAssert
{
    public static void Equivalent(SipMessage expected, SipMessage actual)
    {
        Assert.Equal(expected.IsRequest, actual.IsRequest);
        if (expected is SipRequest req)
        {
            var actualReq = Assert.IsType<SipRequest>(actual);
            Assert.Equal(req.Method, actualReq.Method);
            Assert.Equal(req.RequestUriText, actualReq.RequestUriText);
        }
        else
        {
            var res = (SipResponse)expected;
            var actualRes = Assert.IsType<SipResponse>(actual);
            Assert.Equal(res.StatusCode, actualRes.StatusCode);
            Assert.Equal(res.ReasonPhrase, actualRes.ReasonPhrase);
        }

        Assert.Equal(Headers(expected), Headers(actual));
        Assert.Equal(expected.Body.ToArray(), actual.Body.ToArray());
        Assert.Equal(expected.Body.Length, actual.GetContentLength() ?? actual.Body.Length);
    }

    private static List<string> Headers(SipMessage m) => m.Headers
        .Where(h => h.Id != SipHeaderId.ContentLength)
        .Select(h => h.GetName() + ": " + h.GetValue())
        .ToList();
}
