using SipSecurity.Sip.Messages;

namespace SipSecurity.Sip.Parsing;

/// <summary>
/// Finds the header fields of a header section (RFC 3261 §7.3): name and value ranges, folds joined (§7.3.1),
/// and the Content-Length needed for framing. Values are not interpreted here.
/// </summary>
internal static class HeaderSectionParser
{
    /// <summary>
    /// Parses the header lines in <paramref name="message"/> from <paramref name="start"/> to <paramref name="end"/>
    /// (the CRLF of the last header line included, the empty line excluded).
    /// </summary>
    /// <returns>The number of header fields written to <paramref name="entries"/>.</returns>
    public static int Parse(ReadOnlySpan<byte> message, int start, int end, Span<HeaderEntry> entries, SipParserOptions options, out long contentLength)
    {
        contentLength = -1;
        var count = 0;
        var current = new Pending();
        var pos = start;
        while (pos < end)
        {
            var lineEnd = FindLineEnd(message, pos, end, options);
            if (SipChars.IsWsp(message[pos]))
            {
                // RFC 3261 §7.3.1: a line starting with whitespace continues the previous header field.
                if (!current.Active)
                {
                    throw new SipParseException(SipParseError.InvalidHeaderLine, "Continuation line without a header field.");
                }

                current.ValueEnd = lineEnd;
            }
            else
            {
                if (current.Active)
                {
                    count = Commit(message, ref current, entries, count, options, ref contentLength);
                }

                current = StartField(message, pos, lineEnd, options);
            }

            if (current.ValueEnd - current.LineStart > options.MaxLineLength)
            {
                throw new SipParseException(SipParseError.LineTooLong, "Header field longer than the limit.");
            }

            pos = lineEnd + 2;
        }

        if (current.Active)
        {
            count = Commit(message, ref current, entries, count, options, ref contentLength);
        }

        return count;
    }

    private static int FindLineEnd(ReadOnlySpan<byte> message, int pos, int end, SipParserOptions options)
    {
        var rel = message[pos..end].IndexOfAny((byte)'\r', (byte)'\n');

        // RFC 3261 §7.5: lines end with CRLF; a bare CR or LF inside the header section is malformed.
        if (rel < 0 || message[pos + rel] != '\r' || pos + rel + 1 >= end || message[pos + rel + 1] != '\n')
        {
            throw new SipParseException(SipParseError.InvalidHeaderLine, "Header line not terminated by CRLF.");
        }

        return pos + rel;
    }

    private static Pending StartField(ReadOnlySpan<byte> message, int pos, int lineEnd, SipParserOptions options)
    {
        var line = message[pos..lineEnd];
        var colon = line.IndexOf((byte)':');
        if (colon < 0)
        {
            throw Error("Header line has no colon.", line, options);
        }

        // HCOLON = *( SP / HTAB ) ":" SWS (RFC 3261 §25.1): whitespace may precede the colon.
        var nameLength = colon;
        while (nameLength > 0 && SipChars.IsWsp(line[nameLength - 1]))
        {
            nameLength--;
        }

        if (!SipChars.IsAllTokens(line[..nameLength]))
        {
            throw Error("Header name is not a token.", line, options);
        }

        return new Pending
        {
            Active = true,
            LineStart = pos,
            NameLength = nameLength,
            ValueStart = pos + colon + 1,
            ValueEnd = lineEnd,
        };
    }

    private static int Commit(ReadOnlySpan<byte> message, ref Pending field, Span<HeaderEntry> entries, int count, SipParserOptions options, ref long contentLength)
    {
        if (count >= entries.Length || count >= options.MaxHeaderCount)
        {
            throw new SipParseException(SipParseError.TooManyHeaders, "More header fields than the limit.");
        }

        var valueStart = field.ValueStart;
        var valueEnd = field.ValueEnd;
        while (valueStart < valueEnd && SipChars.IsLws(message[valueStart]))
        {
            valueStart++;
        }

        while (valueEnd > valueStart && SipChars.IsLws(message[valueEnd - 1]))
        {
            valueEnd--;
        }

        var id = SipHeaderNames.Classify(message.Slice(field.LineStart, field.NameLength));
        if (id == SipHeaderId.ContentLength)
        {
            // Two Content-Length fields make the framing ambiguous, even when equal (RFC 4475 §3.3.9).
            if (contentLength >= 0)
            {
                throw new SipParseException(SipParseError.DuplicateContentLength, "Content-Length appears more than once.", "Content-Length");
            }

            contentLength = ParseContentLength(message[valueStart..valueEnd]);
        }

        entries[count] = new HeaderEntry(id, field.LineStart, field.NameLength, valueStart, valueEnd - valueStart);
        field.Active = false;
        return count + 1;
    }

    private static long ParseContentLength(ReadOnlySpan<byte> value)
    {
        // Content-Length = 1*DIGIT (RFC 3261 §20.14); a sign or anything else is malformed (RFC 4475 §3.1.2.3).
        if (value.IsEmpty || value.Length > 10)
        {
            throw new SipParseException(SipParseError.InvalidContentLength, "Content-Length is not a decimal number of octets.", "Content-Length");
        }

        long n = 0;
        foreach (var b in value)
        {
            if (!SipChars.IsDigit(b))
            {
                throw new SipParseException(SipParseError.InvalidContentLength, "Content-Length is not a decimal number of octets.", "Content-Length");
            }

            n = (n * 10) + (b - '0');
        }

        return n;
    }

    private static SipParseException Error(string message, ReadOnlySpan<byte> line, SipParserOptions options)
        => new(SipParseError.InvalidHeaderLine, options.IncludeRawInputInErrors ? $"{message} Line: '{System.Text.Encoding.UTF8.GetString(line)}'" : message);

    private struct Pending
    {
        public bool Active;
        public int LineStart;
        public int NameLength;
        public int ValueStart;
        public int ValueEnd;
    }
}
