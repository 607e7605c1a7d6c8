namespace SipSecurity.Sip.Parsing;

/// <summary>
/// Reads auth-scheme then auth-param *(COMMA auth-param), auth-param = name EQUAL ( token / quoted-string )
/// (RFC 3261 §25.1, RFC 7616 §3.3-3.4). Values are returned as ranges of the header value.
/// </summary>
internal ref struct AuthParamReader
{
    private ValueReader _reader;
    private bool _first;

    public AuthParamReader(ReadOnlySpan<byte> value, string header)
    {
        _reader = new ValueReader(value, header);
        _first = true;
        Scheme = _reader.ReadToken();
        if (!_reader.AtEnd && !SipChars.IsLws(_reader.Peek))
        {
            throw _reader.Error("expected whitespace after the scheme");
        }
    }

    public Range Scheme { get; }

    public readonly ReadOnlySpan<byte> Slice(Range range) => _reader.Slice(range);

    public readonly SipParseException Error(string what) => _reader.Error(what);

    /// <summary>Reads the next parameter; false at the end.</summary>
    public bool Next(out Range name, out Range value, out bool quoted)
    {
        _reader.SkipLws();
        if (_reader.AtEnd)
        {
            name = value = default;
            quoted = false;
            return false;
        }

        if (!_first)
        {
            _reader.Expect((byte)',');
        }

        _first = false;
        name = _reader.ReadToken();
        _reader.Expect((byte)'=');
        _reader.SkipLws();
        quoted = !_reader.AtEnd && _reader.Peek == '"';
        value = quoted ? _reader.ReadQuotedString() : _reader.ReadToken();
        return true;
    }
}
