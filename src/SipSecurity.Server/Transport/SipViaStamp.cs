using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using SipSecurity.Sip.Headers;
using SipSecurity.Sip.Messages;
using SipSecurity.Sip.Parsing;

namespace SipSecurity.Server.Transport;

/// <summary>
/// RFC 3261 §18.2.1 and RFC 3581 §4: a server records where a request really came from in its top Via
/// (received=, and rport= when the client asked for it), so that responses find their way back through NATs.
/// </summary>
internal static class SipViaStamp
{
    /// <summary>
    /// The top Via value rewritten with received/rport for a request from <paramref name="source"/>,
    /// or null when it already says everything (sent-by is the source address and no rport is asked for).
    /// </summary>
    public static string? Format(SipVia via, IPEndPoint source)
    {
        var sourceAddress = SipNetworkAddress.Normalize(source.Address);
        var sourceText = SipNetworkAddress.ToReceivedText(sourceAddress);
        var hostDiffers = SipNetworkAddress.TryParseLiteral(via.Host) is not { } host || !host.Equals(sourceAddress);
        var fillRPort = via.HasRPort && via.RPort is null;
        var received = via.Received;
        var wrongReceived = received is not null && !string.Equals(received, sourceText, StringComparison.OrdinalIgnoreCase);

        // RFC 3581 §4: with rport present, received is added even when sent-by matches the source.
        var addReceived = (hostDiffers || fillRPort) && received is null;
        if (!addReceived && !fillRPort && !wrongReceived)
        {
            return null;
        }

        var text = new StringBuilder(96);
        text.Append(via.Protocol).Append('/').Append(via.Transport).Append(' ').Append(via.Host);
        if (via.Port is { } port)
        {
            text.Append(':').Append(port.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var p in via.Parameters)
        {
            text.Append(';').Append(p.Name);
            if (p.Name.Equals("rport", StringComparison.OrdinalIgnoreCase) && p.Value is null)
            {
                text.Append('=').Append(source.Port.ToString(CultureInfo.InvariantCulture));
            }
            else if (p.Name.Equals("received", StringComparison.OrdinalIgnoreCase))
            {
                text.Append('=').Append(sourceText);
            }
            else if (p.Value is not null)
            {
                text.Append('=').Append(p.Value);
            }
        }

        if (addReceived)
        {
            text.Append(";received=").Append(sourceText);
        }

        return text.ToString();
    }

    /// <summary>
    /// The request with its top Via stamped for <paramref name="source"/>: the same instance when nothing changes,
    /// else a new message over new bytes (the top Via value replaced, everything else byte for byte).
    /// </summary>
    public static SipRequest Apply(SipRequest request, IPEndPoint source, SipParserOptions reparseOptions)
    {
        var enumerator = request.Headers.GetValues(SipHeaderId.Via).GetEnumerator();
        if (!enumerator.MoveNext())
        {
            return request;
        }

        var value = enumerator.Current;
        var stamped = Format(SipVia.Parse(value.Span), source);
        if (stamped is null)
        {
            return request;
        }

        if (!MemoryMarshal.TryGetArray(value, out var valueSegment) || !MemoryMarshal.TryGetArray(request.RawBytes, out var rawSegment))
        {
            throw new InvalidOperationException("Message bytes are not array-backed.");
        }

        var raw = request.RawBytes.Span;
        var start = valueSegment.Offset - rawSegment.Offset;
        var end = start + value.Length;
        var viaBytes = Encoding.UTF8.GetByteCount(stamped);
        var bytes = new byte[raw.Length - value.Length + viaBytes];
        raw[..start].CopyTo(bytes);
        Encoding.UTF8.GetBytes(stamped, bytes.AsSpan(start, viaBytes));
        raw[end..].CopyTo(bytes.AsSpan(start + viaBytes));

        // Datagram framing: the body keeps its Content-Length (or, without one, is the rest of the bytes, as received).
        var result = SipParser.Parse(new ReadOnlyMemory<byte>(bytes), SipParseMode.Datagram, reparseOptions);
        return (SipRequest)result.Message!;
    }
}
