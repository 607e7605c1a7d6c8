using System.Text;
using SipSecurity.Sip.Parsing;

namespace SipSecurity.Sip.Messages;

/// <summary>One header field as received: its raw name and its value (trimmed; may still contain folded line breaks, which mean one SP, RFC 3261 §7.3.1).</summary>
public readonly struct SipHeader
{
    internal SipHeader(SipHeaderId id, ReadOnlyMemory<byte> name, ReadOnlyMemory<byte> value)
    {
        Id = id;
        Name = name;
        Value = value;
    }

    /// <summary>The known header this is, compact forms included, or <see cref="SipHeaderId.Unknown"/>.</summary>
    public SipHeaderId Id { get; }

    /// <summary>The name bytes exactly as received (e.g. "v" or "VIA").</summary>
    public ReadOnlyMemory<byte> Name { get; }

    /// <summary>The value bytes as received, without leading and trailing whitespace.</summary>
    public ReadOnlyMemory<byte> Value { get; }

    /// <summary>The name as a string (allocates).</summary>
    public string GetName() => Encoding.ASCII.GetString(Name.Span);

    /// <summary>The value as a UTF-8 string with folds replaced by single spaces (allocates).</summary>
    public string GetValue() => Encoding.UTF8.GetString(Unfold(Value.Span));

    /// <inheritdoc/>
    public override string ToString() => GetName() + ": " + GetValue();

    internal static ReadOnlySpan<byte> Unfold(ReadOnlySpan<byte> value)
    {
        if (value.IndexOfAny((byte)'\r', (byte)'\n') < 0)
        {
            return value;
        }

        // RFC 3261 §7.3.1: a fold (CRLF + WSP) is equivalent to one SP; collapse the whole whitespace run around it.
        var result = new byte[value.Length];
        var length = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var b = value[i];
            if (b is (byte)'\r' or (byte)'\n')
            {
                while (length > 0 && SipChars.IsWsp(result[length - 1]))
                {
                    length--;
                }

                while (i + 1 < value.Length && SipChars.IsLws(value[i + 1]))
                {
                    i++;
                }

                result[length++] = (byte)' ';
                continue;
            }

            result[length++] = b;
        }

        return result.AsSpan(0, length);
    }
}
