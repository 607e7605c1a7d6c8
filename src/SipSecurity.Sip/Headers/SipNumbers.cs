using SipSecurity.Sip.Parsing;

namespace SipSecurity.Sip.Headers;

/// <summary>Decimal scalars of SIP headers; overlarge values are errors, not wrapped (RFC 4475 §3.1.2.4).</summary>
internal static class SipNumbers
{
    /// <summary>delta-seconds = 1*DIGIT, at most 2^32-1 (RFC 3261 §20.19, §25.1).</summary>
    public static uint ParseDeltaSeconds(ReadOnlySpan<char> text, string header)
    {
        if (text.IsEmpty || !uint.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
        {
            throw new SipParseException(SipParseError.InvalidHeaderValue, $"Malformed {header} header: bad delta-seconds.", header);
        }

        return n;
    }

    public static ulong ParseDigits(ReadOnlySpan<byte> text, ulong max, string header)
    {
        if (text.IsEmpty || text.Length > 20)
        {
            throw Bad(header);
        }

        ulong n = 0;
        foreach (var b in text)
        {
            if (!SipChars.IsDigit(b))
            {
                throw Bad(header);
            }

            n = (n * 10) + (ulong)(b - '0');
            if (n > max)
            {
                throw Bad(header);
            }
        }

        return n;
    }

    private static SipParseException Bad(string header)
        => new(SipParseError.InvalidHeaderValue, $"Malformed {header} header: not a number in range.", header);
}
