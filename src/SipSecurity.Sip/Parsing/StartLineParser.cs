namespace SipSecurity.Sip.Parsing;

/// <summary>Parses a Request-Line (RFC 3261 §7.1) or Status-Line (§7.2); the line excludes its CRLF.</summary>
internal static class StartLineParser
{
    public static StartLine Parse(ReadOnlySpan<byte> line, SipParserOptions options)
    {
        var firstSpace = line.IndexOf((byte)' ');
        if (firstSpace <= 0)
        {
            throw Error(SipParseError.InvalidStartLine, "Start line has no SP-separated elements.", line, options);
        }

        var first = line[..firstSpace];

        // '/' is not a token character, so a first element containing it can only be a SIP-Version (a Status-Line).
        return first.Contains((byte)'/')
            ? ParseStatusLine(line, firstSpace, options)
            : ParseRequestLine(line, firstSpace, options);
    }

    private static StartLine ParseRequestLine(ReadOnlySpan<byte> line, int firstSpace, SipParserOptions options)
    {
        var method = line[..firstSpace];
        if (!SipChars.IsAllTokens(method))
        {
            throw Error(SipParseError.InvalidMethod, "Method is not a token.", line, options);
        }

        var rest = line[(firstSpace + 1)..];
        var secondSpace = rest.IndexOf((byte)' ');

        // RFC 3261 §7.1: exactly one SP between elements, none inside the Request-URI and none trailing (RFC 4475 §3.1.2.8-10).
        if (secondSpace <= 0)
        {
            throw Error(SipParseError.InvalidStartLine, "Request-Line must be Method SP Request-URI SP SIP-Version.", line, options);
        }

        var uri = rest[..secondSpace];
        var version = rest[(secondSpace + 1)..];
        CheckVersion(version, line, options);
        CheckRequestUri(uri, line, options);
        return new StartLine
        {
            IsRequest = true,
            MethodStart = 0,
            MethodLength = firstSpace,
            UriStart = firstSpace + 1,
            UriLength = secondSpace,
        };
    }

    private static StartLine ParseStatusLine(ReadOnlySpan<byte> line, int firstSpace, SipParserOptions options)
    {
        CheckVersion(line[..firstSpace], line, options);
        var rest = line[(firstSpace + 1)..];

        // Status-Code = 3DIGIT, then SP Reason-Phrase (possibly empty, RFC 4475 §3.1.1.13); a missing final SP is tolerated.
        if (rest.Length < 3 || !SipChars.IsDigit(rest[0]) || !SipChars.IsDigit(rest[1]) || !SipChars.IsDigit(rest[2])
            || (rest.Length > 3 && rest[3] != ' '))
        {
            throw Error(SipParseError.InvalidStatusCode, "Status-Code must be three digits.", line, options);
        }

        var code = ((rest[0] - '0') * 100) + ((rest[1] - '0') * 10) + (rest[2] - '0');
        if (code is < 100 or > 699)
        {
            throw Error(SipParseError.InvalidStatusCode, "Status-Code must be 100..699.", line, options);
        }

        var reasonStart = Math.Min(firstSpace + 5, line.Length);
        var reason = line[reasonStart..];
        foreach (var b in reason)
        {
            if ((b < 0x20 && b != '\t') || b == 0x7F)
            {
                throw Error(SipParseError.InvalidStartLine, "Reason-Phrase contains a control character.", line, options);
            }
        }

        return new StartLine { StatusCode = code, ReasonStart = reasonStart, ReasonLength = reason.Length };
    }

    private static void CheckVersion(ReadOnlySpan<byte> version, ReadOnlySpan<byte> line, SipParserOptions options)
    {
        // SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT; "SIP" is case-insensitive ABNF (RFC 3261 §7.1, §25).
        if (version.Length == 7 && System.Text.Ascii.EqualsIgnoreCase(version, "SIP/2.0"u8))
        {
            return;
        }

        if (version.Length > 4 && System.Text.Ascii.EqualsIgnoreCase(version[..4], "SIP/"u8))
        {
            var numbers = version[4..];
            var dot = numbers.IndexOf((byte)'.');
            if (dot > 0 && dot < numbers.Length - 1 && AllDigits(numbers[..dot]) && AllDigits(numbers[(dot + 1)..]))
            {
                throw Error(SipParseError.UnsupportedVersion, "SIP-Version is not SIP/2.0.", line, options);
            }
        }

        throw Error(SipParseError.InvalidStartLine, "Malformed SIP-Version.", line, options);
    }

    private static void CheckRequestUri(ReadOnlySpan<byte> uri, ReadOnlySpan<byte> line, SipParserOptions options)
    {
        // Request-URI = SIP-URI / SIPS-URI / absoluteURI: a scheme, then no whitespace, controls or <> (RFC 4475 §3.1.2.7).
        var colon = uri.IndexOf((byte)':');
        if (colon <= 0 || !SipChars.IsAlpha(uri[0]))
        {
            throw Error(SipParseError.InvalidRequestUri, "Request-URI has no scheme.", line, options);
        }

        foreach (var b in uri[..colon])
        {
            if (!(SipChars.IsAlpha(b) || SipChars.IsDigit(b) || b is (byte)'+' or (byte)'-' or (byte)'.'))
            {
                throw Error(SipParseError.InvalidRequestUri, "Request-URI scheme is malformed.", line, options);
            }
        }

        foreach (var b in uri)
        {
            if (b <= 0x20 || b >= 0x7F || b is (byte)'<' or (byte)'>' or (byte)'"')
            {
                throw Error(SipParseError.InvalidRequestUri, "Request-URI contains a character that must be escaped.", line, options);
            }
        }
    }

    private static bool AllDigits(ReadOnlySpan<byte> span)
    {
        foreach (var b in span)
        {
            if (!SipChars.IsDigit(b))
            {
                return false;
            }
        }

        return !span.IsEmpty;
    }

    private static SipParseException Error(SipParseError reason, string message, ReadOnlySpan<byte> line, SipParserOptions options)
        => new(reason, options.IncludeRawInputInErrors ? $"{message} Line: '{System.Text.Encoding.UTF8.GetString(line)}'" : message);
}
