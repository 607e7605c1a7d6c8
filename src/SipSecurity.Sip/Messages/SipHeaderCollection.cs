using System.Collections;
using System.Text;

namespace SipSecurity.Sip.Messages;

/// <summary>The header fields of a message, in received order, over the message buffer.</summary>
public sealed class SipHeaderCollection : IReadOnlyList<SipHeader>
{
    private readonly ReadOnlyMemory<byte> _buffer;
    private readonly HeaderEntry[] _entries;

    internal SipHeaderCollection(ReadOnlyMemory<byte> buffer, HeaderEntry[] entries)
    {
        _buffer = buffer;
        _entries = entries;
    }

    /// <summary>Number of header fields (lines), not of comma-separated values.</summary>
    public int Count => _entries.Length;

    /// <summary>The header field at <paramref name="index"/>, in received order.</summary>
    public SipHeader this[int index]
    {
        get
        {
            var e = _entries[index];
            return new SipHeader(e.Id, _buffer.Slice(e.NameStart, e.NameLength), _buffer.Slice(e.ValueStart, e.ValueLength));
        }
    }

    internal ReadOnlySpan<HeaderEntry> Entries => _entries;

    internal ReadOnlyMemory<byte> Buffer => _buffer;

    /// <summary>Whether at least one header field with this id is present.</summary>
    public bool Contains(SipHeaderId id) => IndexOf(id, 0) >= 0;

    /// <summary>How many header fields (lines) have this id.</summary>
    public int CountOf(SipHeaderId id)
    {
        var n = 0;
        foreach (var e in _entries)
        {
            if (e.Id == id)
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>The first header field with this id.</summary>
    public bool TryGetFirst(SipHeaderId id, out SipHeader header)
    {
        var i = IndexOf(id, 0);
        header = i >= 0 ? this[i] : default;
        return i >= 0;
    }

    /// <summary>The first header field with this name (case-insensitive; compact forms match their full name).</summary>
    public bool TryGetFirst(string name, out SipHeader header)
    {
        foreach (var h in GetAll(name))
        {
            header = h;
            return true;
        }

        header = default;
        return false;
    }

    /// <summary>All header fields with this id, in order.</summary>
    public IEnumerable<SipHeader> GetAll(SipHeaderId id)
    {
        for (var i = IndexOf(id, 0); i >= 0; i = IndexOf(id, i + 1))
        {
            yield return this[i];
        }
    }

    /// <summary>All header fields with this name (case-insensitive; compact forms match their full name).</summary>
    public IEnumerable<SipHeader> GetAll(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var id = SipHeaderNames.Classify(name);
        if (id != SipHeaderId.Unknown)
        {
            foreach (var h in GetAll(id))
            {
                yield return h;
            }

            yield break;
        }

        var bytes = Encoding.UTF8.GetBytes(name);
        for (var i = 0; i < _entries.Length; i++)
        {
            var e = _entries[i];
            if (e.Id == SipHeaderId.Unknown && Ascii.EqualsIgnoreCase(_buffer.Span.Slice(e.NameStart, e.NameLength), bytes))
            {
                yield return this[i];
            }
        }
    }

    /// <summary>
    /// The comma-separated values of every header field with this id, in order (RFC 3261 §7.3.1), each trimmed;
    /// commas inside quoted strings and &lt;&gt; do not split.
    /// </summary>
    public SipHeaderValueEnumerable GetValues(SipHeaderId id) => new(this, id);

    /// <inheritdoc/>
    public IEnumerator<SipHeader> GetEnumerator()
    {
        for (var i = 0; i < _entries.Length; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal int IndexOf(SipHeaderId id, int start)
    {
        for (var i = start; i < _entries.Length; i++)
        {
            if (_entries[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }
}
