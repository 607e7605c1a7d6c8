using System.Buffers;
using System.Globalization;
using System.Text;
using SipSecurity.Sip.Messages;
using SipSecurity.Sip.Parsing;

namespace SipSecurity.Sip.Writing;

/// <summary>
/// Common part of <see cref="SipRequestBuilder"/> and <see cref="SipResponseBuilder"/>: ordered header fields and a body.
/// Content-Length is always written from the body. <see cref="Build"/> parses the written bytes, so a built message is the
/// same kind of object as a received one.
/// </summary>
public abstract class SipMessageBuilder
{
    private readonly List<(string Name, string Value)> _headers = [];
    private ReadOnlyMemory<byte> _body;

    /// <summary>Header fields added so far, in order.</summary>
    public IReadOnlyList<(string Name, string Value)> HeaderFields => _headers;

    /// <summary>Appends a header field. Names must be tokens and values must not contain CR or LF (no header injection).</summary>
    public SipMessageBuilder AddHeader(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        if (!SipChars.IsAllTokens(Encoding.UTF8.GetBytes(name)))
        {
            throw new ArgumentException("Header name must be a token (RFC 3261 §25.1).", nameof(name));
        }

        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("Header value must not contain CR or LF.", nameof(value));
        }

        if (SipHeaderNames.Classify(name) == SipHeaderId.ContentLength)
        {
            throw new ArgumentException("Content-Length is written from the body.", nameof(name));
        }

        _headers.Add((name, value.Trim()));
        return this;
    }

    /// <summary>Appends a known header field under its full name.</summary>
    public SipMessageBuilder AddHeader(SipHeaderId id, string value) => AddHeader(SipHeaderNames.GetName(id), value);

    /// <summary>Removes every header field with this name (compact forms included).</summary>
    public SipMessageBuilder RemoveHeader(string name)
    {
        var id = SipHeaderNames.Classify(name);
        _headers.RemoveAll(h => id != SipHeaderId.Unknown
            ? SipHeaderNames.Classify(h.Name) == id
            : string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase));
        return this;
    }

    /// <summary>Sets the body and its Content-Type (RFC 3261 §7.4, §20.15).</summary>
    public SipMessageBuilder WithBody(string contentType, ReadOnlyMemory<byte> body)
    {
        RemoveHeader("Content-Type");
        AddHeader(SipHeaderId.ContentType, contentType);
        _body = body;
        return this;
    }

    /// <summary>Writes the message bytes.</summary>
    public void WriteTo(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        WriteStartLine(output);
        foreach (var (name, value) in _headers)
        {
            SipMessageWriter.Append(output, Encoding.UTF8.GetBytes(name));
            SipMessageWriter.Append(output, ": "u8);
            SipMessageWriter.Append(output, Encoding.UTF8.GetBytes(value));
            SipMessageWriter.Append(output, "\r\n"u8);
        }

        SipMessageWriter.Append(output, "Content-Length: "u8);
        SipMessageWriter.Append(output, Encoding.ASCII.GetBytes(_body.Length.ToString(CultureInfo.InvariantCulture)));
        SipMessageWriter.Append(output, "\r\n\r\n"u8);
        SipMessageWriter.Append(output, _body.Span);
    }

    /// <summary>The message bytes in a new array.</summary>
    public byte[] ToArray()
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        WriteTo(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes and parses the message; throws <see cref="SipParseException"/> if a header value made it malformed.</summary>
    public SipMessage Build()
    {
        var bytes = ToArray();
        var result = SipParser.Parse(bytes.AsMemory(), SipParseMode.Datagram, new SipParserOptions { MaxMessageSize = int.MaxValue, MaxHeaderCount = 4096, MaxLineLength = int.MaxValue });
        return result.Message!;
    }

    private protected abstract void WriteStartLine(IBufferWriter<byte> output);
}
