using System.Text;
using SipSecurity.Sip.Parsing;

namespace SipSecurity.Sip.Messages;

public abstract partial class SipMessage
{
    /// <summary>Require option tags (RFC 3261 §20.32).</summary>
    public IReadOnlyList<string> GetRequire() => GetTokens(SipHeaderId.Require);

    /// <summary>Proxy-Require option tags (RFC 3261 §20.29).</summary>
    public IReadOnlyList<string> GetProxyRequire() => GetTokens(SipHeaderId.ProxyRequire);

    /// <summary>Supported option tags (RFC 3261 §20.37).</summary>
    public IReadOnlyList<string> GetSupported() => GetTokens(SipHeaderId.Supported);

    /// <summary>Unsupported option tags (RFC 3261 §20.40).</summary>
    public IReadOnlyList<string> GetUnsupported() => GetTokens(SipHeaderId.Unsupported);

    /// <summary>Allow methods (RFC 3261 §20.5).</summary>
    public IReadOnlyList<string> GetAllow() => GetTokens(SipHeaderId.Allow);

    /// <summary>The comma-separated tokens of every field with this id; each element must be one token.</summary>
    public IReadOnlyList<string> GetTokens(SipHeaderId id)
    {
        var list = new List<string>();
        foreach (var value in Headers.GetValues(id))
        {
            if (!SipChars.IsAllTokens(value.Span))
            {
                throw Malformed(id, "expected a comma-separated list of tokens");
            }

            list.Add(id == SipHeaderId.Allow ? SipMethods.FromBytes(value.Span) : Encoding.ASCII.GetString(value.Span));
        }

        return list;
    }
}
