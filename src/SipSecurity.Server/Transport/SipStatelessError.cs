using System.Globalization;
using System.Net;
using System.Text;
using SipSecurity.Sip.Headers;
using SipSecurity.Sip.Parsing;
using SipSecurity.Sip.Writing;

namespace SipSecurity.Server.Transport;

/// <summary>
/// Answers a request that failed parsing or validation (RFC 3261 §8.2, §21.4.1), statelessly. The input may be broken
/// anywhere, so this reads it leniently: the start line must look like a request and the top Via must parse (it is the
/// way back, §18.2.2); From, To, Call-ID and CSeq are copied as text when present. Responses are never answered.
/// On a stream the connection is the way back, so there a request line with a method is enough, and an unparsable
/// Via is copied as it came (the client sees its 400 instead of a silent close).
/// </summary>
internal static class SipStatelessError
{
    private const int MaxReasonLength = 120;

    /// <summary>A serialized error response, and the top Via (stamped with received/rport) it must be routed by.</summary>
    public static bool TryBuild(ReadOnlySpan<byte> input, SipParseException error, IPEndPoint source, bool reliable, out byte[] response, out SipVia? topVia)
    {
        response = [];
        topVia = null;
        var lines = new LineReader(input);
        if (!lines.TryRead(out var startLine) || !LooksLikeRequest(startLine.TrimEnd(), reliable))
        {
            return false;
        }

        var vias = new List<string>();
        string? from = null, to = null, callId = null, cseq = null;
        while (lines.TryReadField(out var name, out var value))
        {
            switch (Canonical(name))
            {
                case "Via": vias.AddRange(SplitList(value)); break;
                case "From": from ??= value; break;
                case "To": to ??= value; break;
                case "Call-ID": callId ??= value; break;
                case "CSeq": cseq ??= value; break;
                default: break;
            }
        }

        if (vias.Count == 0 && !reliable)
        {
            return false;
        }

        SipVia? parsedTop = null;
        try
        {
            parsedTop = vias.Count == 0 ? null : SipVia.Parse(Encoding.UTF8.GetBytes(vias[0]));
        }
        catch (SipParseException) when (reliable)
        {
        }
        catch (SipParseException)
        {
            return false;
        }

        var stamped = parsedTop is null ? null : SipViaStamp.Format(parsedTop, source);
        if (stamped is not null)
        {
            vias[0] = stamped;
            topVia = SipVia.Parse(Encoding.UTF8.GetBytes(stamped));
        }
        else
        {
            topVia = parsedTop;
        }

        var text = new StringBuilder(256);
        text.Append("SIP/2.0 ").Append(error.SuggestedStatusCode.ToString(CultureInfo.InvariantCulture)).Append(' ')
            .Append(Reason(error)).Append("\r\n");
        foreach (var via in vias)
        {
            text.Append("Via: ").Append(via).Append("\r\n");
        }

        Append(text, "From", from);
        if (to is not null && !HasTag(to))
        {
            // RFC 3261 §8.2.6.2: a response other than 100 carries a To tag.
            to += ";tag=" + SipResponseBuilder.NewTag();
        }

        Append(text, "To", to);
        Append(text, "Call-ID", callId);
        Append(text, "CSeq", cseq);
        text.Append("Content-Length: 0\r\n\r\n");
        response = Encoding.UTF8.GetBytes(text.ToString());
        return true;
    }

    private static void Append(StringBuilder text, string name, string? value)
    {
        if (value is not null)
        {
            text.Append(name).Append(": ").Append(value).Append("\r\n");
        }
    }

    /// <summary>The exception's message as a reason phrase: printable ASCII only, short, no final period.</summary>
    private static string Reason(SipParseException error)
    {
        var text = new StringBuilder(Math.Min(error.Message.Length, MaxReasonLength));
        foreach (var c in error.Message)
        {
            if (text.Length == MaxReasonLength)
            {
                break;
            }

            text.Append(c is >= ' ' and <= '~' ? c : ' ');
        }

        var reason = text.ToString().TrimEnd('.', ' ');
        return reason.Length == 0 ? SipReasonPhrases.Get(error.SuggestedStatusCode) : reason;
    }

    private static bool LooksLikeRequest(string line, bool reliable)
    {
        // Method SP Request-URI SP SIP-Version (RFC 3261 §7.1); a status line starts with the version.
        if (line.StartsWith("SIP/", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var first = line.IndexOf(' ', StringComparison.Ordinal);
        var last = line.LastIndexOf(' ');
        if (first <= 0 || (last <= first && !reliable))
        {
            return false;
        }

        foreach (var c in line.AsSpan(0, first))
        {
            if (!char.IsAsciiLetterOrDigit(c) && "-.!%*_+`'~".IndexOf(c, StringComparison.Ordinal) < 0)
            {
                return false;
            }
        }

        return reliable || line.AsSpan(last + 1).StartsWith("SIP/", StringComparison.OrdinalIgnoreCase);
    }

    private static string? Canonical(string name)
    {
        // RFC 3261 §7.3.3 compact forms.
        if (name.Equals("Via", StringComparison.OrdinalIgnoreCase) || name.Equals("v", StringComparison.OrdinalIgnoreCase))
        {
            return "Via";
        }

        if (name.Equals("From", StringComparison.OrdinalIgnoreCase) || name.Equals("f", StringComparison.OrdinalIgnoreCase))
        {
            return "From";
        }

        if (name.Equals("To", StringComparison.OrdinalIgnoreCase) || name.Equals("t", StringComparison.OrdinalIgnoreCase))
        {
            return "To";
        }

        if (name.Equals("Call-ID", StringComparison.OrdinalIgnoreCase) || name.Equals("i", StringComparison.OrdinalIgnoreCase))
        {
            return "Call-ID";
        }

        return name.Equals("CSeq", StringComparison.OrdinalIgnoreCase) ? "CSeq" : null;
    }

    private static bool HasTag(string to)
    {
        // A tag is a header parameter: after the closing '>' of a name-addr, or anywhere in an addr-spec form.
        var close = to.LastIndexOf('>');
        return to.IndexOf(";tag=", close < 0 ? 0 : close, StringComparison.OrdinalIgnoreCase) >= 0;
    }

    /// <summary>Splits a list header on commas outside quotes and angle brackets (RFC 3261 §7.3.1).</summary>
    private static IEnumerable<string> SplitList(string value)
    {
        var start = 0;
        var quoted = false;
        var angle = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (quoted)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == '<')
            {
                angle = true;
            }
            else if (c == '>')
            {
                angle = false;
            }
            else if (c == ',' && !angle)
            {
                var part = value[start..i].Trim();
                if (part.Length > 0)
                {
                    yield return part;
                }

                start = i + 1;
            }
        }

        var last = value[start..].Trim();
        if (last.Length > 0)
        {
            yield return last;
        }
    }

    /// <summary>Reads CRLF-terminated lines (a lone LF is accepted too), unfolding continuation lines of header fields.</summary>
    private ref struct LineReader
    {
        private readonly ReadOnlySpan<byte> _input;
        private int _position;

        public LineReader(ReadOnlySpan<byte> input)
        {
            _input = input;

            // RFC 3261 §7.5: CRLFs before the start line are ignored.
            while (_position < input.Length && input[_position] is (byte)'\r' or (byte)'\n')
            {
                _position++;
            }
        }

        public bool TryRead(out string line)
        {
            line = string.Empty;
            if (!TryReadRaw(out var raw))
            {
                return false;
            }

            line = Encoding.UTF8.GetString(raw);
            return true;
        }

        public bool TryReadField(out string name, out string value)
        {
            name = value = string.Empty;
            if (!TryReadRaw(out var raw) || raw.IsEmpty)
            {
                return false;
            }

            var text = new StringBuilder(Encoding.UTF8.GetString(raw));

            // RFC 3261 §7.3.1: a line starting with SP or HT continues the previous field.
            while (_position < _input.Length && _input[_position] is (byte)' ' or (byte)'\t' && TryReadRaw(out var more))
            {
                text.Append(' ').Append(Encoding.UTF8.GetString(more).Trim());
            }

            // Control characters (a stray CR) never reach the response.
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] < ' ' && text[i] != '\t')
                {
                    text[i] = ' ';
                }
            }

            var field = text.ToString();
            var colon = field.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                // Not a header field: skip it, the others may still be readable.
                name = string.Empty;
                value = string.Empty;
                return true;
            }

            name = field[..colon].Trim();
            value = field[(colon + 1)..].Trim();
            return true;
        }

        private bool TryReadRaw(out ReadOnlySpan<byte> line)
        {
            line = default;
            if (_position >= _input.Length)
            {
                return false;
            }

            var rest = _input[_position..];
            var lf = rest.IndexOf((byte)'\n');
            if (lf < 0)
            {
                // An unterminated last line is incomplete (a truncated datagram or a stream cut short): ignore it.
                _position = _input.Length;
                return false;
            }

            line = rest[..lf];
            if (!line.IsEmpty && line[^1] == '\r')
            {
                line = line[..^1];
            }

            _position += lf + 1;
            return true;
        }
    }
}
