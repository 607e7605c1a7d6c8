using System.Text;
using SipSecurity.Sip.Parsing;

namespace SipSecurity.Sip.Uri;

/// <summary>%-escapes in URIs (RFC 3261 §19.1.2, §25.1 escaped = "%" HEXDIG HEXDIG).</summary>
public static class UriEscaping
{
    private const string Reserved = ";/?:@&=+$,";

    /// <summary>Decodes every %-escape; the result is read as UTF-8 (malformed sequences become U+FFFD).</summary>
    public static string Unescape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Contains('%', StringComparison.Ordinal))
        {
            return value;
        }

        var bytes = new List<byte>(value.Length);
        var utf8 = Encoding.UTF8.GetBytes(value);
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == '%' && i + 2 < utf8.Length && SipChars.IsHex(utf8[i + 1]) && SipChars.IsHex(utf8[i + 2]))
            {
                bytes.Add((byte)((HexValue(utf8[i + 1]) << 4) | HexValue(utf8[i + 2])));
                i += 2;
            }
            else
            {
                bytes.Add(utf8[i]);
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>
    /// The form used for comparison (RFC 3261 §19.1.4): escapes of unreserved characters are decoded, escapes of reserved
    /// characters stay escaped (with upper-case hex), since "%3B" and ";" are different URIs.
    /// </summary>
    internal static string Normalize(string value)
    {
        if (!value.Contains('%', StringComparison.Ordinal))
        {
            return value;
        }

        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '%' && i + 2 < value.Length && char.IsAsciiHexDigit(value[i + 1]) && char.IsAsciiHexDigit(value[i + 2]))
            {
                var decoded = (char)((HexValue((byte)value[i + 1]) << 4) | HexValue((byte)value[i + 2]));
                if (decoded < 0x80 && decoded >= 0x20 && !Reserved.Contains(decoded, StringComparison.Ordinal) && decoded != '%')
                {
                    sb.Append(decoded);
                }
                else
                {
                    sb.Append('%').Append(char.ToUpperInvariant(value[i + 1])).Append(char.ToUpperInvariant(value[i + 2]));
                }

                i += 2;
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>Whether every byte is allowed by <paramref name="isAllowed"/> or starts a well-formed %-escape.</summary>
    internal static bool IsValid(ReadOnlySpan<byte> span, Func<byte, bool> isAllowed)
    {
        for (var i = 0; i < span.Length; i++)
        {
            var b = span[i];
            if (b == '%')
            {
                if (i + 2 >= span.Length || !SipChars.IsHex(span[i + 1]) || !SipChars.IsHex(span[i + 2]))
                {
                    return false;
                }

                i += 2;
            }
            else if (!isAllowed(b))
            {
                return false;
            }
        }

        return true;
    }

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
