using System.Net;
using SipSecurity.Sip.Messages;
using SipSecurity.Sip.Uri;

namespace SipSecurity.Server.Security.Auth;

/// <summary>
/// Whether the digest-uri of credentials fits the request. The Request-URI itself (as text, or as an
/// equivalent URI per RFC 3261 §19.1.4) always does. Some clients, sipp among them, put the address
/// they sent the request to instead ("sip:192.0.2.5:5060"): a SIP URI with no user part and an IP
/// literal host is accepted too, on any port, because that address may be a TLS or NAT front end
/// (stunnel, a load balancer) rather than our own socket. The check still refuses credentials made for
/// another user's or another domain's request; replaying one response is already prevented by the
/// nonce-count, and the response hash covers the digest-uri it was made for.
/// </summary>
internal static class SipDigestUri
{
    public static bool Matches(ReadOnlySpan<byte> digestUri, SipRequest request)
    {
        if (digestUri.SequenceEqual(request.RequestUriBytes.Span))
        {
            return true;
        }

        SipUri uri;
        try
        {
            uri = SipUri.Parse(digestUri);
        }
        catch (Sip.Parsing.SipParseException)
        {
            return false;
        }

        if (SipUri.TryParse(request.RequestUriText, out var requestUri) && uri.Equals(requestUri))
        {
            return true;
        }

        return uri.IsSip && uri.User is null && uri.Host is not null && IPAddress.TryParse(uri.Host.Trim('[', ']'), out _);
    }
}
