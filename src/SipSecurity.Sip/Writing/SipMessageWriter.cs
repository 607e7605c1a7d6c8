using System.Buffers;
using System.Globalization;
using System.Text;
using SipSecurity.Sip.Messages;

namespace SipSecurity.Sip.Writing;

/// <summary>
/// Serializes a message (RFC 3261 §7): start line, header fields with folds unfolded (§7.3.1), a Content-Length when the
/// message had none (required on streams, §18.3), the empty line and the body. Parsing the output gives an equal message.
/// </summary>
public static class SipMessageWriter
{
    /// <summary>Writes the message to <paramref name="output"/>.</summary>
    public static void Write(SipMessage message, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(output);
        if (message is SipRequest request)
        {
            Append(output, Encoding.ASCII.GetBytes(request.Method));
            Append(output, " "u8);
            Append(output, request.RequestUriBytes.Span);
            Append(output, " SIP/2.0\r\n"u8);
        }
        else
        {
            var response = (SipResponse)message;
            Append(output, "SIP/2.0 "u8);
            Append(output, Encoding.ASCII.GetBytes(response.StatusCode.ToString(CultureInfo.InvariantCulture)));
            Append(output, " "u8);
            Append(output, response.ReasonPhraseBytes.Span);
            Append(output, "\r\n"u8);
        }

        var hasContentLength = false;
        foreach (var header in message.Headers)
        {
            hasContentLength |= header.Id == SipHeaderId.ContentLength;
            Append(output, header.Name.Span);
            Append(output, ": "u8);
            Append(output, SipHeader.Unfold(header.Value.Span));
            Append(output, "\r\n"u8);
        }

        if (!hasContentLength)
        {
            Append(output, "Content-Length: "u8);
            Append(output, Encoding.ASCII.GetBytes(message.Body.Length.ToString(CultureInfo.InvariantCulture)));
            Append(output, "\r\n"u8);
        }

        Append(output, "\r\n"u8);
        Append(output, message.Body.Span);
    }

    /// <summary>Serializes the message into a new array.</summary>
    public static byte[] ToArray(SipMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>(message?.RawBytes.Length + 32 ?? 256);
        Write(message!, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    internal static void Append(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }

        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }
}
