using SipSecurity.Sip.Headers;

namespace SipSecurity.Sip.Messages;

public abstract partial class SipMessage
{
    /// <summary>All Authorization credentials, one per header field (RFC 3261 §22.4: these are never comma-combined).</summary>
    public IReadOnlyList<SipCredentials> GetAuthorizations() => GetCredentials(SipHeaderId.Authorization);

    /// <summary>All Proxy-Authorization credentials, one per header field (RFC 3261 §20.28).</summary>
    public IReadOnlyList<SipCredentials> GetProxyAuthorizations() => GetCredentials(SipHeaderId.ProxyAuthorization);

    /// <summary>The first Authorization credentials, or null.</summary>
    public SipCredentials? GetAuthorization()
        => Headers.TryGetFirst(SipHeaderId.Authorization, out var h) ? SipCredentials.Parse(h.Value, "Authorization") : null;

    /// <summary>All WWW-Authenticate challenges, one per header field (RFC 3261 §20.44).</summary>
    public IReadOnlyList<SipDigestChallenge> GetWwwAuthenticate() => GetChallenges(SipHeaderId.WwwAuthenticate);

    /// <summary>All Proxy-Authenticate challenges, one per header field (RFC 3261 §20.27).</summary>
    public IReadOnlyList<SipDigestChallenge> GetProxyAuthenticate() => GetChallenges(SipHeaderId.ProxyAuthenticate);

    private List<SipCredentials> GetCredentials(SipHeaderId id)
    {
        var list = new List<SipCredentials>();
        foreach (var h in Headers.GetAll(id))
        {
            list.Add(SipCredentials.Parse(h.Value, SipHeaderNames.GetName(id)));
        }

        return list;
    }

    private List<SipDigestChallenge> GetChallenges(SipHeaderId id)
    {
        var list = new List<SipDigestChallenge>();
        foreach (var h in Headers.GetAll(id))
        {
            list.Add(SipDigestChallenge.Parse(h.Value.Span, SipHeaderNames.GetName(id)));
        }

        return list;
    }
}
