namespace SipSecurity.Sip.Parsing;

/// <summary>Character classes of the RFC 3261 §25.1 grammar, as lookup tables over bytes.</summary>
internal static class SipChars
{
    private const byte Token = 1;
    private const byte Unreserved = 2;
    private const byte UserUnreserved = 4;
    private const byte PasswordExtra = 8;
    private const byte ParamUnreserved = 16;
    private const byte HeaderUnreserved = 32;
    private const byte HostChar = 64;

    private static readonly byte[] s_classes = BuildClasses();

    private static byte[] BuildClasses()
    {
        var table = new byte[256];
        for (var c = '0'; c <= '9'; c++)
        {
            table[c] |= Token | Unreserved | HostChar;
        }

        for (var c = 'a'; c <= 'z'; c++)
        {
            table[c] |= Token | Unreserved | HostChar;
            table[char.ToUpperInvariant(c)] |= Token | Unreserved | HostChar;
        }

        // RFC 3261 §25.1: token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
        foreach (var c in "-.!%*_+`'~")
        {
            table[c] |= Token;
        }

        // unreserved = alphanum / mark; mark = "-" / "_" / "." / "!" / "~" / "*" / "'" / "(" / ")"
        foreach (var c in "-_.!~*'()")
        {
            table[c] |= Unreserved;
        }

        // RFC 3261 §25.1: user-unreserved = "&" / "=" / "+" / "$" / "," / ";" / "?" / "/"
        foreach (var c in "&=+$,;?/")
        {
            table[c] |= UserUnreserved;
        }

        // password = *( unreserved / escaped / "&" / "=" / "+" / "$" / "," )
        foreach (var c in "&=+$,")
        {
            table[c] |= PasswordExtra;
        }

        // param-unreserved = "[" / "]" / "/" / ":" / "&" / "+" / "$"
        foreach (var c in "[]/:&+$")
        {
            table[c] |= ParamUnreserved;
        }

        // hnv-unreserved = "[" / "]" / "/" / "?" / ":" / "+" / "$"
        foreach (var c in "[]/?:+$")
        {
            table[c] |= HeaderUnreserved;
        }

        table['-'] |= HostChar;
        table['.'] |= HostChar;
        return table;
    }

    public static bool IsToken(byte b) => (s_classes[b] & Token) != 0;

    public static bool IsUnreserved(byte b) => (s_classes[b] & Unreserved) != 0;

    public static bool IsUserChar(byte b) => (s_classes[b] & (Unreserved | UserUnreserved)) != 0;

    public static bool IsPasswordChar(byte b) => (s_classes[b] & (Unreserved | PasswordExtra)) != 0;

    public static bool IsParamChar(byte b) => (s_classes[b] & (Unreserved | ParamUnreserved)) != 0;

    public static bool IsHeaderChar(byte b) => (s_classes[b] & (Unreserved | HeaderUnreserved)) != 0;

    public static bool IsHostChar(byte b) => (s_classes[b] & HostChar) != 0;

    /// <summary>Whitespace inside a header value: SP, HTAB, and the CR LF of a fold (the header splitter guarantees a fold is always followed by SP/HTAB).</summary>
    public static bool IsLws(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    public static bool IsWsp(byte b) => b is (byte)' ' or (byte)'\t';

    public static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    public static bool IsAlpha(byte b) => (uint)((b | 0x20) - 'a') <= 'z' - 'a';

    public static bool IsHex(byte b) => IsDigit(b) || (uint)((b | 0x20) - 'a') <= 'f' - 'a';

    public static bool IsAllTokens(ReadOnlySpan<byte> span)
    {
        if (span.IsEmpty)
        {
            return false;
        }

        foreach (var b in span)
        {
            if (!IsToken(b))
            {
                return false;
            }
        }

        return true;
    }

    public static ReadOnlySpan<byte> TrimLws(ReadOnlySpan<byte> span)
    {
        var start = 0;
        while (start < span.Length && IsLws(span[start]))
        {
            start++;
        }

        var end = span.Length;
        while (end > start && IsLws(span[end - 1]))
        {
            end--;
        }

        return span[start..end];
    }
}
