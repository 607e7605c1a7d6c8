using System.Text;

namespace SipSecurity.Server.Import;

/// <summary>
/// The java.util.Properties.load(Reader) syntax, as JBoss reads users.properties and roles.properties:
/// '#' and '!' comment lines, blank lines, key and value separated by '=', ':' or white space,
/// backslash escapes (\t \n \r \f \uXXXX, \x for any other x) and lines continued by an odd number of
/// trailing backslashes.
/// </summary>
public static class PropertiesParser
{
    /// <summary>Reads a file: UTF-8 when it is valid UTF-8, else ISO-8859-1 (what Properties.load(InputStream) assumes).</summary>
    public static IReadOnlyList<PropertyEntry> ParseFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new SipSecurityException("ImportFileUnreadable", SipErrorKind.ResourceUnavailable,
                $"{Path.GetFileName(path)}: cannot be read: {exception.Message}", path, exception);
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            text = Encoding.Latin1.GetString(bytes);
        }

        return Parse(text.TrimStart('\uFEFF'), path);
    }

    public static IReadOnlyList<PropertyEntry> Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new List<PropertyEntry>();
        var lines = SplitLines(text);
        for (var i = 0; i < lines.Count; i++)
        {
            var firstLine = i + 1;
            var line = lines[i].TrimStart(' ', '\t', '\f');
            if (line.Length == 0 || line[0] is '#' or '!')
            {
                continue;
            }

            // A logical line continues while it ends in an odd number of backslashes.
            var logical = new StringBuilder();
            while (true)
            {
                var trailing = CountTrailingBackslashes(line);
                if (trailing % 2 == 0 || i + 1 >= lines.Count)
                {
                    logical.Append(trailing % 2 == 0 ? line : line[..^1]);
                    break;
                }

                logical.Append(line, 0, line.Length - 1);
                i++;
                line = lines[i].TrimStart(' ', '\t', '\f');
            }

            entries.Add(ParseLogicalLine(logical.ToString(), new SourceLocation(fileName, firstLine)));
        }

        return entries;
    }

    private static PropertyEntry ParseLogicalLine(string line, SourceLocation location)
    {
        var keyEnd = 0;
        while (keyEnd < line.Length)
        {
            var c = line[keyEnd];
            if (c == '\\')
            {
                keyEnd += 2;
                continue;
            }

            if (c is '=' or ':' or ' ' or '\t' or '\f')
            {
                break;
            }

            keyEnd++;
        }

        keyEnd = Math.Min(keyEnd, line.Length);
        var valueStart = keyEnd;
        while (valueStart < line.Length && line[valueStart] is ' ' or '\t' or '\f')
        {
            valueStart++;
        }

        if (valueStart < line.Length && line[valueStart] is '=' or ':')
        {
            valueStart++;
            while (valueStart < line.Length && line[valueStart] is ' ' or '\t' or '\f')
            {
                valueStart++;
            }
        }

        return new PropertyEntry(Unescape(line.AsSpan(0, keyEnd), location), Unescape(line.AsSpan(valueStart), location), location);
    }

    private static string Unescape(ReadOnlySpan<char> text, SourceLocation location)
    {
        if (!text.Contains('\\'))
        {
            return text.ToString();
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '\\' || i + 1 >= text.Length)
            {
                builder.Append(c);
                continue;
            }

            c = text[++i];
            switch (c)
            {
                case 't': builder.Append('\t'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 'f': builder.Append('\f'); break;
                case 'u':
                    if (text.Length - i - 1 < 4
                        || !ushort.TryParse(text.Slice(i + 1, 4), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var code))
                    {
                        throw location.Error("MalformedPropertiesEscape", SipErrorKind.InvalidData, "malformed \\uXXXX escape: four hexadecimal digits must follow \\u.");
                    }

                    builder.Append((char)code);
                    i += 4;
                    break;
                default: builder.Append(c); break;
            }
        }

        return builder.ToString();
    }

    private static int CountTrailingBackslashes(string line)
    {
        var count = 0;
        for (var i = line.Length - 1; i >= 0 && line[i] == '\\'; i--)
        {
            count++;
        }

        return count;
    }

    /// <summary>Splits on \n, \r and \r\n, keeping line numbers exact.</summary>
    private static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\n' or '\r')
            {
                lines.Add(text[start..i]);
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines;
    }
}
