using System.Text;
using SipSecurity.Sip.Headers;

namespace SipSecurity.Sip.Parsing;

/// <summary>
/// A cursor over one header value with the RFC 3261 §25.1 lexical rules (LWS, SEMI, EQUAL, token, quoted-string).
/// Errors name the header so the server can say which field was malformed.
/// </summary>
internal ref struct ValueReader
{
    private readonly ReadOnlySpan<byte> _value;
    private readonly string _header;

    public ValueReader(ReadOnlySpan<byte> value, string header)
    {
        _value = value;
        _header = header;
        Position = 0;
    }

    public int Position { get; set; }

    public readonly bool AtEnd => Position >= _value.Length;

    public readonly byte Peek => _value[Position];

    public readonly ReadOnlySpan<byte> Remaining => _value[Position..];

    public void SkipLws()
    {
        while (Position < _value.Length && SipChars.IsLws(_value[Position]))
        {
            Position++;
        }
    }

    /// <summary>Skips LWS, then consumes <paramref name="c"/> if it is next.</summary>
    public bool TryConsume(byte c)
    {
        SkipLws();
        if (Position < _value.Length && _value[Position] == c)
        {
            Position++;
            return true;
        }

        return false;
    }

    public void Expect(byte c)
    {
        if (!TryConsume(c))
        {
            throw Error($"expected '{(char)c}'");
        }
    }

    public void ExpectEnd()
    {
        SkipLws();
        if (!AtEnd)
        {
            throw Error("unexpected trailing characters");
        }
    }

    /// <summary>Skips LWS and reads a non-empty token; returns its range.</summary>
    public Range ReadToken()
    {
        SkipLws();
        var start = Position;
        while (Position < _value.Length && SipChars.IsToken(_value[Position]))
        {
            Position++;
        }

        if (Position == start)
        {
            throw Error("expected a token");
        }

        return start..Position;
    }

    /// <summary>Skips LWS and reads a quoted-string; returns the range between the quotes (escapes not yet removed).</summary>
    public Range ReadQuotedString()
    {
        Expect((byte)'"');
        var start = Position;
        while (Position < _value.Length)
        {
            var b = _value[Position];
            if (b == '\\')
            {
                // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F) (RFC 3261 §25.1).
                if (Position + 1 >= _value.Length || _value[Position + 1] is (byte)'\r' or (byte)'\n' or > 0x7F)
                {
                    throw Error("bad quoted-pair");
                }

                Position += 2;
            }
            else if (b == '"')
            {
                Position++;
                return start..(Position - 1);
            }
            else
            {
                Position++;
            }
        }

        throw Error("unterminated quoted string");
    }

    /// <summary>Skips LWS and reads a host (hostname, IPv4address or IPv6reference), RFC 3261 §25.1.</summary>
    public Range ReadHost()
    {
        SkipLws();
        var start = Position;
        if (!AtEnd && Peek == '[')
        {
            var close = _value[Position..].IndexOf((byte)']');
            if (close < 0 || !Uri.SipUriParser.IsIPv6(_value[(Position + 1)..(Position + close)]))
            {
                throw Error("malformed IPv6 reference");
            }

            Position += close + 1;
            return start..Position;
        }

        while (Position < _value.Length && SipChars.IsHostChar(_value[Position]))
        {
            Position++;
        }

        if (Uri.SipUriParser.ClassifyHost(_value[start..Position]) is null)
        {
            throw Error("malformed host");
        }

        return start..Position;
    }

    /// <summary>Reads *( SEMI generic-param ) into a list (RFC 3261 §25.1: gen-value = token / host / quoted-string).</summary>
    public List<SipParameter> ReadParameters()
    {
        var list = new List<SipParameter>();
        while (TryConsume((byte)';'))
        {
            var name = ReadToken();
            string? value = null;
            if (TryConsume((byte)'='))
            {
                SkipLws();
                if (AtEnd)
                {
                    throw Error("parameter without value after '='");
                }

                var valueRange = Peek switch
                {
                    (byte)'"' => ReadQuotedWithQuotes(),
                    (byte)'[' => ReadHost(),
                    _ => ReadGenValue(),
                };
                value = Encoding.UTF8.GetString(_value[valueRange]);
            }

            list.Add(new SipParameter(Encoding.ASCII.GetString(_value[name]), value));
        }

        return list;
    }

    public readonly string GetString(Range range) => Encoding.UTF8.GetString(_value[range]);

    public readonly ReadOnlySpan<byte> Slice(Range range) => _value[range];

    public readonly SipParseException Error(string what)
        => new(SipParseError.InvalidHeaderValue, $"Malformed {_header} header: {what}.", _header);

    /// <summary>token / host: also ':' so that an unbracketed IPv6 received= value (RFC 3261 §20.42, RFC 5118 §4.5) reads whole.</summary>
    private Range ReadGenValue()
    {
        var start = Position;
        while (Position < _value.Length && (SipChars.IsToken(_value[Position]) || _value[Position] == ':'))
        {
            Position++;
        }

        if (Position == start)
        {
            throw Error("expected a parameter value");
        }

        return start..Position;
    }

    private Range ReadQuotedWithQuotes()
    {
        var inner = ReadQuotedString();
        return (inner.Start.Value - 1)..(inner.End.Value + 1);
    }

    /// <summary>Removes quoted-pair escapes; returns the input when there are none.</summary>
    public static ReadOnlyMemory<byte> Unescape(ReadOnlyMemory<byte> quoted)
    {
        var span = quoted.Span;
        if (span.IndexOf((byte)'\\') < 0)
        {
            return quoted;
        }

        var result = new byte[span.Length];
        var n = 0;
        for (var i = 0; i < span.Length; i++)
        {
            if (span[i] == '\\' && i + 1 < span.Length)
            {
                i++;
            }

            result[n++] = span[i];
        }

        return result.AsMemory(0, n);
    }
}
