using SipSecurity.Sip.Parsing;

namespace SipSecurity.Sip.Messages;

/// <summary>The comma-separated values of all header fields with one id, without allocating.</summary>
public readonly struct SipHeaderValueEnumerable
{
    private readonly SipHeaderCollection _headers;
    private readonly SipHeaderId _id;

    internal SipHeaderValueEnumerable(SipHeaderCollection headers, SipHeaderId id)
    {
        _headers = headers;
        _id = id;
    }

    /// <summary>Starts the enumeration.</summary>
    public Enumerator GetEnumerator() => new(_headers, _id);

    /// <summary>Collects the values (allocates a list).</summary>
    public List<ReadOnlyMemory<byte>> ToList()
    {
        var list = new List<ReadOnlyMemory<byte>>();
        foreach (var v in this)
        {
            list.Add(v);
        }

        return list;
    }

    /// <summary>Walks header fields and the commas inside each. Empty elements (",,") are skipped, as RFC 3261 §7.3.1 lists allow.</summary>
    public struct Enumerator
    {
        private readonly SipHeaderCollection _headers;
        private readonly SipHeaderId _id;
        private int _headerIndex;
        private int _position;

        internal Enumerator(SipHeaderCollection headers, SipHeaderId id)
        {
            _headers = headers;
            _id = id;
            _headerIndex = headers.IndexOf(id, 0);
            _position = 0;
            Current = default;
        }

        /// <summary>The current value, trimmed.</summary>
        public ReadOnlyMemory<byte> Current { get; private set; }

        /// <summary>Moves to the next value.</summary>
        public bool MoveNext()
        {
            while (_headerIndex >= 0)
            {
                var entry = _headers.Entries[_headerIndex];
                var value = _headers.Buffer.Slice(entry.ValueStart, entry.ValueLength);
                if (_position <= value.Length)
                {
                    var comma = ListSplitter.NextComma(value.Span, _position, SipHeaderNames.GetName(_id));
                    var element = value[_position..comma];
                    _position = comma + 1;
                    var trimmed = Trim(element);
                    if (!trimmed.IsEmpty)
                    {
                        Current = trimmed;
                        return true;
                    }

                    continue;
                }

                _headerIndex = _headers.IndexOf(_id, _headerIndex + 1);
                _position = 0;
            }

            return false;
        }

        private static ReadOnlyMemory<byte> Trim(ReadOnlyMemory<byte> m)
        {
            var span = m.Span;
            var start = 0;
            while (start < span.Length && SipChars.IsLws(span[start]))
            {
                start++;
            }

            var end = span.Length;
            while (end > start && SipChars.IsLws(span[end - 1]))
            {
                end--;
            }

            return m[start..end];
        }
    }
}
