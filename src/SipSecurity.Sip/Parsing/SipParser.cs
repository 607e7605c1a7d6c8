using System.Buffers;
using SipSecurity.Sip.Messages;

namespace SipSecurity.Sip.Parsing;

/// <summary>
/// A stateless SIP message parser (RFC 3261 §7): bytes in, a message out. It never consumes part of a message:
/// it answers <see cref="SipParseStatus.Incomplete"/> until the whole message is there, and throws
/// <see cref="SipParseException"/> for input that can never become a valid message.
/// </summary>
public static class SipParser
{
    private const int StackHeaderLimit = 256;

    /// <summary>
    /// Parses the message at the start of <paramref name="input"/> without copying: the message keeps referring to
    /// <paramref name="input"/>, so the caller must not reuse that memory while the message is alive.
    /// </summary>
    public static SipParseResult Parse(ReadOnlyMemory<byte> input, SipParseMode mode, SipParserOptions? options = null)
        => ParseCore(input.Span, input, mode, options ?? SipParserOptions.Default);

    /// <summary>Parses the message at the start of <paramref name="input"/>; the message gets its own copy of its bytes.</summary>
    public static SipParseResult Parse(ReadOnlySpan<byte> input, SipParseMode mode, SipParserOptions? options = null)
        => ParseCore(input, null, mode, options ?? SipParserOptions.Default);

    /// <summary>
    /// Parses the message at the start of a (possibly multi-segment) sequence, as a pipe reader hands it over.
    /// The message gets its own copy of its bytes, so the pipe's buffers may be released at once.
    /// </summary>
    public static SipParseResult Parse(in ReadOnlySequence<byte> input, SipParseMode mode, SipParserOptions? options = null)
    {
        options ??= SipParserOptions.Default;
        if (input.IsSingleSegment)
        {
            return ParseCore(input.FirstSpan, null, mode, options);
        }

        if (mode == SipParseMode.Datagram && input.Length > options.MaxMessageSize)
        {
            throw new SipParseException(SipParseError.MessageTooLarge, "Datagram larger than the message size limit.");
        }

        // Enough for one whole message, a keep-alive before it, and one byte to tell "too large" from "incomplete".
        var length = (int)Math.Min(input.Length, (long)options.MaxMessageSize + 5);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            input.Slice(0, length).CopyTo(rented);
            return ParseCore(rented.AsSpan(0, length), null, mode, options);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static SipParseResult ParseCore(ReadOnlySpan<byte> input, ReadOnlyMemory<byte>? memory, SipParseMode mode, SipParserOptions options)
    {
        if (mode == SipParseMode.Datagram && input.Length > options.MaxMessageSize)
        {
            throw new SipParseException(SipParseError.MessageTooLarge, "Datagram larger than the message size limit.");
        }

        var start = 0;
        if (mode == SipParseMode.Stream)
        {
            // RFC 5626 §3.5.1: CRLFCRLF on a stream is a keep-alive ping; RFC 3261 §7.5: a lone CRLF before a message is ignored.
            if (input.StartsWith("\r\n\r\n"u8))
            {
                return SipParseResult.KeepAlive(4);
            }

            if (input.StartsWith("\r\n"u8))
            {
                start = 2;
            }

            if (input.Length - start < 2 && (input.Length == start || input[start] == '\r'))
            {
                return SipParseResult.Incomplete;
            }
        }
        else
        {
            while (start < input.Length && input[start] is (byte)'\r' or (byte)'\n')
            {
                start++;
            }

            if (start == input.Length)
            {
                return SipParseResult.KeepAlive(input.Length);
            }
        }

        var message = input[start..];
        var headerEnd = message.IndexOf("\r\n\r\n"u8);
        if (headerEnd < 0)
        {
            return NoHeaderTerminator(message, mode, options);
        }

        var firstLineEnd = message.IndexOf("\r\n"u8);
        if (firstLineEnd > options.MaxLineLength)
        {
            throw new SipParseException(SipParseError.LineTooLong, "Start line longer than the limit.");
        }

        var startLine = StartLineParser.Parse(message[..firstLineEnd], options);

        // A pooled scratch array: header counts are bounded by the options, and the message gets an exact-size copy.
        var scratch = ArrayPool<HeaderEntry>.Shared.Rent(options.MaxHeaderCount);
        try
        {
            long contentLength = -1;
            var count = firstLineEnd == headerEnd
                ? 0
                : HeaderSectionParser.Parse(message, firstLineEnd + 2, headerEnd + 2, scratch, options, out contentLength);
            var frame = new Frame(start, headerEnd + 4, contentLength, startLine);
            return MessageFramer.Complete(input, memory, frame, scratch.AsSpan(0, count), mode, options);
        }
        finally
        {
            ArrayPool<HeaderEntry>.Shared.Return(scratch);
        }
    }

    private static SipParseResult NoHeaderTerminator(ReadOnlySpan<byte> message, SipParseMode mode, SipParserOptions options)
    {
        if (message.Length > options.MaxMessageSize)
        {
            throw new SipParseException(SipParseError.MessageTooLarge, "Header section larger than the message size limit.");
        }

        var firstLineEnd = message.IndexOf("\r\n"u8);
        if (firstLineEnd < 0)
        {
            if (message.Length > options.MaxLineLength)
            {
                throw new SipParseException(SipParseError.LineTooLong, "Start line longer than the limit.");
            }
        }
        else
        {
            // Reject garbage as soon as its first line is there, rather than buffering up to the size limit.
            StartLineParser.Parse(message[..firstLineEnd], options);
        }

        if (mode == SipParseMode.Datagram)
        {
            throw new SipParseException(SipParseError.Truncated, "Datagram ends inside the header section.");
        }

        return SipParseResult.Incomplete;
    }
}
