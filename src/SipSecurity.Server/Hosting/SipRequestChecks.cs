using SipSecurity.Sip.Messages;
using SipSecurity.Sip.Uri;
using SipSecurity.Sip.Writing;

namespace SipSecurity.Server.Hosting;

/// <summary>
/// The UAS checks of RFC 3261 §8.2.1–§8.2.3 that the server makes before security and dispatch:
/// each returns the error response to send, or null to go on.
/// </summary>
internal static class SipRequestChecks
{
    private static readonly HashSet<string> s_knownMethods = new(StringComparer.Ordinal)
    {
        SipMethods.Invite, SipMethods.Ack, SipMethods.Bye, SipMethods.Cancel, SipMethods.Register, SipMethods.Options,
        SipMethods.Prack, SipMethods.Subscribe, SipMethods.Notify, SipMethods.Publish, SipMethods.Info, SipMethods.Refer,
        SipMethods.Message, SipMethods.Update,
    };

    public static bool IsKnownMethod(string method) => s_knownMethods.Contains(method);

    /// <summary>§8.2.2.1: only SIP and SIPS Request-URIs are served (416 otherwise).</summary>
    public static SipResponse? CheckRequestUri(SipRequest request, out SipUri? requestUri)
    {
        requestUri = null;
        var text = request.RequestUriText;
        if (!text.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) && !text.StartsWith("sips:", StringComparison.OrdinalIgnoreCase))
        {
            return SipResponseBuilder.CreateFor(request, 416).BuildResponse();
        }

        if (!SipUri.TryParse(text, out requestUri) || requestUri is null)
        {
            return SipResponseBuilder.CreateFor(request, 400, "Bad Request (malformed Request-URI)").BuildResponse();
        }

        return null;
    }

    /// <summary>§8.2.2.3: we support no extensions, so any Require option tag is answered 420 with Unsupported.</summary>
    public static SipResponse? CheckRequire(SipRequest request, bool asProxy)
    {
        if (request.Method is SipMethods.Cancel or SipMethods.Ack)
        {
            return null;
        }

        var tags = OptionTags(request, "Require");
        if (asProxy)
        {
            tags = tags.Concat(OptionTags(request, "Proxy-Require"));
        }

        var unsupported = tags.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        return unsupported.Length == 0
            ? null
            : SipResponseBuilder.CreateFor(request, 420).AddHeader("Unsupported", string.Join(", ", unsupported)).BuildResponse();
    }

    /// <summary>
    /// §8.2.3 for an INVITE the server answers itself: a body must be SDP (415 with Accept), and the
    /// client must accept SDP (406).
    /// </summary>
    public static SipResponse? CheckInviteContent(SipRequest request)
    {
        if (request.Method != SipMethods.Invite)
        {
            return null;
        }

        if (request.Body.Length > 0 && request.Headers.TryGetFirst("Content-Type", out var contentType) &&
            !MediaTypeIs(contentType.GetValue(), "application/sdp") && !MediaTypeIs(contentType.GetValue(), "multipart/mixed"))
        {
            return SipResponseBuilder.CreateFor(request, 415).AddHeader("Accept", "application/sdp").BuildResponse();
        }

        var accepts = request.Headers.GetAll("Accept").Select(h => h.GetValue())
            .SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToArray();
        if (accepts.Length > 0 && !accepts.Any(a => MediaTypeIs(a, "application/sdp") || MediaTypeIs(a, "application/*") || MediaTypeIs(a, "*/*")))
        {
            return SipResponseBuilder.CreateFor(request, 406).BuildResponse();
        }

        return null;
    }

    private static IEnumerable<string> OptionTags(SipRequest request, string header) =>
        request.Headers.GetAll(header).Select(h => h.GetValue())
            .SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static bool MediaTypeIs(string value, string type)
    {
        var semicolon = value.IndexOf(';', StringComparison.Ordinal);
        var bare = (semicolon >= 0 ? value[..semicolon] : value).Trim();
        return string.Equals(bare, type, StringComparison.OrdinalIgnoreCase);
    }
}

internal static class SipMessageBuilderExtensions
{
    public static SipResponse BuildResponse(this SipMessageBuilder builder) => (SipResponse)builder.Build();
}
