namespace SipSecurity.Sip.Parsing;

/// <summary>Finds the commas that separate list elements (RFC 3261 §7.3.1): not those inside quoted strings or &lt;URI&gt;.</summary>
internal static class ListSplitter
{
    /// <summary>Index of the next separating comma at or after <paramref name="start"/>, or the length when there is none.</summary>
    public static int NextComma(ReadOnlySpan<byte> value, int start, string headerName)
    {
        var inQuotes = false;
        var inAngles = false;
        for (var i = start; i < value.Length; i++)
        {
            var b = value[i];
            if (inQuotes)
            {
                if (b == '\\')
                {
                    // quoted-pair: the next octet is literal (RFC 3261 §25.1).
                    i++;
                }
                else if (b == '"')
                {
                    inQuotes = false;
                }
            }
            else if (inAngles)
            {
                if (b == '>')
                {
                    inAngles = false;
                }
            }
            else if (b == '"')
            {
                inQuotes = true;
            }
            else if (b == '<')
            {
                inAngles = true;
            }
            else if (b == ',')
            {
                return i;
            }
        }

        if (inQuotes || inAngles)
        {
            throw new SipParseException(SipParseError.InvalidHeaderValue, $"Unterminated quoted string or <URI> in {headerName}.", headerName);
        }

        return value.Length;
    }
}
