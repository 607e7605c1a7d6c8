using SipSecurity.Sip.Messages;

namespace SipSecurity.Sip.Parsing;

/// <summary>Applies the body framing rules of RFC 3261 §18.3 and builds the message object.</summary>
internal static class MessageFramer
{
    public static SipParseResult Complete(ReadOnlySpan<byte> input, ReadOnlyMemory<byte>? memory, Frame frame, ReadOnlySpan<HeaderEntry> headers, SipParseMode mode, SipParserOptions options)
    {
        var available = input.Length - frame.Start - frame.BodyStart;
        int bodyLength;
        long consumed;
        if (mode == SipParseMode.Stream)
        {
            // RFC 3261 §18.3: on a stream Content-Length is mandatory and is the only way to find the end of the body.
            if (frame.ContentLength < 0)
            {
                throw new SipParseException(SipParseError.MissingContentLength, "Content-Length is required on stream transports.", "Content-Length");
            }

            if (frame.BodyStart + frame.ContentLength > options.MaxMessageSize)
            {
                throw new SipParseException(SipParseError.MessageTooLarge, "Message larger than the message size limit.");
            }

            if (frame.ContentLength > available)
            {
                return SipParseResult.Incomplete;
            }

            bodyLength = (int)frame.ContentLength;
            consumed = frame.Start + frame.BodyStart + bodyLength;
        }
        else
        {
            // RFC 3261 §18.3: in a datagram, octets beyond Content-Length are discarded; fewer octets than it is an error.
            if (frame.ContentLength > available)
            {
                throw new SipParseException(SipParseError.Truncated, "Datagram body shorter than Content-Length.", "Content-Length");
            }

            bodyLength = frame.ContentLength < 0 ? available : (int)frame.ContentLength;
            consumed = input.Length;
        }

        var length = frame.BodyStart + bodyLength;
        var buffer = memory is { } m ? m.Slice(frame.Start, length) : input.Slice(frame.Start, length).ToArray();
        var entries = headers.ToArray();
        var span = buffer.Span;
        var line = frame.StartLine;
        SipMessage message = line.IsRequest
            ? new SipRequest(buffer, entries, frame.BodyStart, bodyLength, SipMethods.FromBytes(span.Slice(line.MethodStart, line.MethodLength)), line.UriStart, line.UriLength)
            : new SipResponse(buffer, entries, frame.BodyStart, bodyLength, line.StatusCode, line.ReasonStart, line.ReasonLength);
        return SipParseResult.Complete(message, consumed);
    }
}
