using System.Net;
using System.Net.Sockets;
using System.Text;
using SipSecurity.Sip.Headers;
using SipSecurity.Sip.Parsing;

namespace SipSecurity.Sip.Uri;

/// <summary>Parses URIs by the RFC 3261 §25.1 grammar (SIP-URI, SIPS-URI, absoluteURI) and RFC 3966 (tel).</summary>
internal static class SipUriParser
{
    public static SipUri Parse(ReadOnlySpan<byte> text)
    {
        var colon = text.IndexOf((byte)':');
        if (colon <= 0 || !SipChars.IsAlpha(text[0]))
        {
            throw Invalid("URI has no scheme.");
        }

        foreach (var b in text[..colon])
        {
            if (!(SipChars.IsAlpha(b) || SipChars.IsDigit(b) || b is (byte)'+' or (byte)'-' or (byte)'.'))
            {
                throw Invalid("URI scheme is malformed.");
            }
        }

        foreach (var b in text)
        {
            // No URI contains whitespace, controls, quotes or angle brackets unescaped (RFC 4475 §3.1.2.14).
            if (b <= 0x20 || b >= 0x7F || b is (byte)'<' or (byte)'>' or (byte)'"')
            {
                throw Invalid("URI contains a character that must be escaped.");
            }
        }

        var original = Encoding.ASCII.GetString(text);
        var schemeName = original[..colon].ToLowerInvariant();
        var rest = text[(colon + 1)..];
        if (rest.IsEmpty)
        {
            throw Invalid("URI is empty after its scheme.");
        }

        switch (schemeName)
        {
            case "sip":
                return ParseSip(original, SipUriScheme.Sip, "sip", rest);
            case "sips":
                return ParseSip(original, SipUriScheme.Sips, "sips", rest);
            case "tel":
                return ParseTel(original, rest);
            default:
                return new SipUri(original, SipUriScheme.Other, schemeName) { Opaque = Encoding.ASCII.GetString(rest) };
        }
    }

    private static SipUri ParseSip(string original, SipUriScheme scheme, string schemeName, ReadOnlySpan<byte> rest)
    {
        var uri = new SipUri(original, scheme, schemeName);

        // '@' is in neither host, uri-parameters nor headers unescaped, so the first one ends the userinfo (RFC 3261 §25.1).
        var at = rest.IndexOf((byte)'@');
        if (at >= 0)
        {
            ParseUserInfo(uri, rest[..at]);
            rest = rest[(at + 1)..];
        }

        var hostEnd = ParseHost(uri, rest);
        rest = rest[hostEnd..];
        if (!rest.IsEmpty && rest[0] == ':')
        {
            var portEnd = 1;
            while (portEnd < rest.Length && SipChars.IsDigit(rest[portEnd]))
            {
                portEnd++;
            }

            if (portEnd == 1 || portEnd > 6 || !int.TryParse(rest[1..portEnd], out var port) || port > 65535)
            {
                throw Invalid("URI port is malformed.");
            }

            uri.Port = port;
            rest = rest[portEnd..];
        }

        var question = rest.IndexOf((byte)'?');
        var paramsPart = question >= 0 ? rest[..question] : rest;
        if (!paramsPart.IsEmpty)
        {
            if (paramsPart[0] != ';')
            {
                throw Invalid("Unexpected character after the URI host.");
            }

            uri.Parameters = ParsePairs(paramsPart[1..], (byte)';', SipChars.IsParamChar, valueRequired: false);
        }

        if (question >= 0)
        {
            uri.Headers = ParsePairs(rest[(question + 1)..], (byte)'&', SipChars.IsHeaderChar, valueRequired: true);
        }

        return uri;
    }

    private static void ParseUserInfo(SipUri uri, ReadOnlySpan<byte> userInfo)
    {
        var colon = userInfo.IndexOf((byte)':');
        var user = colon >= 0 ? userInfo[..colon] : userInfo;
        if (user.IsEmpty || !UriEscaping.IsValid(user, SipChars.IsUserChar))
        {
            throw Invalid("URI user part is malformed.");
        }

        uri.User = Encoding.ASCII.GetString(user);
        if (colon >= 0)
        {
            var password = userInfo[(colon + 1)..];
            if (!UriEscaping.IsValid(password, SipChars.IsPasswordChar))
            {
                throw Invalid("URI password is malformed.");
            }

            uri.Password = Encoding.ASCII.GetString(password);
        }
    }

    private static int ParseHost(SipUri uri, ReadOnlySpan<byte> rest)
    {
        if (!rest.IsEmpty && rest[0] == '[')
        {
            var close = rest.IndexOf((byte)']');
            if (close < 0 || !IsIPv6(rest[1..close]))
            {
                throw Invalid("URI IPv6 reference is malformed.");
            }

            uri.Host = Encoding.ASCII.GetString(rest[..(close + 1)]);
            uri.HostKind = SipHostKind.IPv6;
            return close + 1;
        }

        var end = 0;
        while (end < rest.Length && SipChars.IsHostChar(rest[end]))
        {
            end++;
        }

        var host = rest[..end];
        uri.HostKind = ClassifyHost(host) ?? throw Invalid("URI host is malformed.");
        uri.Host = Encoding.ASCII.GetString(host);
        return end;
    }

    /// <summary>IPv4address, or hostname = *( domainlabel "." ) toplabel [ "." ] with toplabel starting with ALPHA (RFC 3261 §25.1).</summary>
    internal static SipHostKind? ClassifyHost(ReadOnlySpan<byte> host)
    {
        if (host.IsEmpty)
        {
            return null;
        }

        if (IsIPv4(host))
        {
            return SipHostKind.IPv4;
        }

        var name = host[^1] == '.' ? host[..^1] : host;
        if (name.IsEmpty)
        {
            return null;
        }

        var lastLabelStart = name.LastIndexOf((byte)'.') + 1;
        if (!SipChars.IsAlpha(name[lastLabelStart]))
        {
            return null;
        }

        foreach (var range in name.Split((byte)'.'))
        {
            var label = name[range];
            if (label.IsEmpty || label[0] == '-' || label[^1] == '-')
            {
                return null;
            }
        }

        return SipHostKind.DomainName;
    }

    internal static bool IsIPv4(ReadOnlySpan<byte> host)
    {
        var parts = 0;
        foreach (var range in host.Split((byte)'.'))
        {
            var part = host[range];
            if (part.IsEmpty || part.Length > 3 || ++parts > 4)
            {
                return false;
            }

            var n = 0;
            foreach (var b in part)
            {
                if (!SipChars.IsDigit(b))
                {
                    return false;
                }

                n = (n * 10) + (b - '0');
            }

            if (n > 255)
            {
                return false;
            }
        }

        return parts == 4;
    }

    internal static bool IsIPv6(ReadOnlySpan<byte> address)
    {
        foreach (var b in address)
        {
            if (!(SipChars.IsHex(b) || b is (byte)':' or (byte)'.'))
            {
                return false;
            }
        }

        Span<char> chars = stackalloc char[64];
        if (address.Length is 0 or > 64)
        {
            return false;
        }

        var length = Encoding.ASCII.GetChars(address, chars);
        return IPAddress.TryParse(chars[..length], out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6;
    }

    private static SipUri ParseTel(string original, ReadOnlySpan<byte> rest)
    {
        // RFC 3966: telephone-subscriber *( ";" par ); only the shape is checked here.
        var semi = rest.IndexOf((byte)';');
        var number = semi >= 0 ? rest[..semi] : rest;
        if (number.IsEmpty)
        {
            throw Invalid("tel URI has no number.");
        }

        var uri = new SipUri(original, SipUriScheme.Tel, "tel") { User = Encoding.ASCII.GetString(number) };
        if (semi >= 0)
        {
            uri.Parameters = ParsePairs(rest[(semi + 1)..], (byte)';', SipChars.IsParamChar, valueRequired: false);
        }

        return uri;
    }

    private static List<SipParameter> ParsePairs(ReadOnlySpan<byte> text, byte separator, Func<byte, bool> isAllowed, bool valueRequired)
    {
        var list = new List<SipParameter>();
        foreach (var range in text.Split(separator))
        {
            var pair = text[range];
            var eq = pair.IndexOf((byte)'=');
            var name = eq >= 0 ? pair[..eq] : pair;
            var value = eq >= 0 ? pair[(eq + 1)..] : default;

            // pname = 1*paramchar, pvalue = 1*paramchar; hname = 1*( hnv-unreserved / unreserved / escaped ), hvalue may be empty.
            if (name.IsEmpty || !UriEscaping.IsValid(name, isAllowed) || (eq >= 0 && !valueRequired && value.IsEmpty)
                || (valueRequired && eq < 0) || !UriEscaping.IsValid(value, isAllowed))
            {
                throw Invalid("URI parameter or header is malformed.");
            }

            list.Add(new SipParameter(Encoding.ASCII.GetString(name), eq >= 0 ? Encoding.ASCII.GetString(value) : null));
        }

        return list;
    }

    private static SipParseException Invalid(string message) => new(SipParseError.InvalidUri, message);
}
