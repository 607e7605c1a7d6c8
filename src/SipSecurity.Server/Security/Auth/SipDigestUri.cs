using System.Net;
using SipSecurity.Server.Transport;
using SipSecurity.Sip.Messages;
using SipSecurity.Sip.Uri;

namespace SipSecurity.Server.Security.Auth;

/// <summary>
/// Whether the digest-uri of credentials fits the request. The Request-URI itself (as text, or as an
/// equivalent URI per RFC 3261 §19.1.4) always does. Some clients, sipp among them, put the address
/// they sent the request to instead ("sip:192.0.2.5:5060"): that is accepted only when it is an IP
/// literal naming the very endpoint that received the request.
/// </summary>
internal static class SipDigestUri
{
    public static bool Matches(ReadOnlySpan<byte> digestUri, SipRequest request, SipInboundContext source)
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

        return uri.IsSip && uri.User is null && NamesEndpoint(uri, source.LocalEndPoint);
    }

    private static bool NamesEndpoint(SipUri uri, IPEndPoint local)
    {
        if (uri.Host is null || !IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address))
        {
            return false;
        }

        var port = uri.Port ?? (uri.Scheme == SipUriScheme.Sips ? 5061 : 5060);
        if (port != local.Port)
        {
            return false;
        }

        var localAddress = local.Address.IsIPv4MappedToIPv6 ? local.Address.MapToIPv4() : local.Address;
        address = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        // A wildcard-bound socket does not know which of its addresses the client used; the port must do.
        return localAddress.Equals(IPAddress.Any) || localAddress.Equals(IPAddress.IPv6Any) || localAddress.Equals(address);
    }
}
