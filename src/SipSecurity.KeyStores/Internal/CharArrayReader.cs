namespace SipSecurity.KeyStores.Internal;

/// <summary>
/// A <see cref="TextReader"/> over a caller-owned <c>char[]</c>, so private-key PEM text can be parsed without an
/// immutable <see cref="string"/> copy that could never be zeroed.
/// </summary>
internal sealed class CharArrayReader : TextReader
{
    private readonly char[] _chars;
    private int _position;

    public CharArrayReader(char[] chars)
    {
        _chars = chars;
    }

    public override int Peek() => _position < _chars.Length ? _chars[_position] : -1;

    public override int Read() => _position < _chars.Length ? _chars[_position++] : -1;

    public override int Read(char[] buffer, int index, int count)
    {
        int n = Math.Min(count, _chars.Length - _position);
        Array.Copy(_chars, _position, buffer, index, n);
        _position += n;
        return n;
    }
}
