using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SipSecurity.Sip.Messages;

namespace SipSecurity.Sip.Writing;

/// <summary>Builds a response; <see cref="CreateFor"/> applies RFC 3261 §8.2.6 to a request.</summary>
public sealed class SipResponseBuilder : SipMessageBuilder
{
    private readonly int _statusCode;
    private readonly string _reason;

    /// <summary>Starts a status line.</summary>
    public SipResponseBuilder(int statusCode, string? reasonPhrase = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 699);
        reasonPhrase ??= SipReasonPhrases.Get(statusCode);
        if (reasonPhrase.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("Reason phrase must not contain CR or LF.", nameof(reasonPhrase));
        }

        _statusCode = statusCode;
        _reason = reasonPhrase;
    }

    /// <summary>
    /// A response to <paramref name="request"/> per RFC 3261 §8.2.6.2: Via fields in order, From, To (with a tag added
    /// unless present or the status is 100), Call-ID, CSeq; and Timestamp for 100 (§8.2.6.1).
    /// </summary>
    /// <param name="request">The request being answered.</param>
    /// <param name="statusCode">100..699.</param>
    /// <param name="reasonPhrase">Null for the RFC 3261 §21 phrase.</param>
    /// <param name="toTag">The tag to add to To when it has none; null for a random one.</param>
    public static SipResponseBuilder CreateFor(SipRequest request, int statusCode, string? reasonPhrase = null, string? toTag = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var builder = new SipResponseBuilder(statusCode, reasonPhrase);
        foreach (var header in request.Headers)
        {
            switch (header.Id)
            {
                case SipHeaderId.Via:
                case SipHeaderId.From:
                case SipHeaderId.CallId:
                case SipHeaderId.CSeq:
                    builder.AddHeader(header.Id, header.GetValue());
                    break;
                case SipHeaderId.To:
                    var to = header.GetValue();
                    if (statusCode != 100 && request.GetTo()?.Tag is null)
                    {
                        to += ";tag=" + (toTag ?? NewTag());
                    }

                    builder.AddHeader(SipHeaderId.To, to);
                    break;
                case SipHeaderId.Timestamp when statusCode == 100:
                    builder.AddHeader(SipHeaderId.Timestamp, header.GetValue());
                    break;
                default:
                    break;
            }
        }

        return builder;
    }

    /// <summary>A random tag with 64 bits of randomness (RFC 3261 §19.3 asks for at least 32).</summary>
    public static string NewTag() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>Builds the response.</summary>
    public new SipResponse Build() => (SipResponse)base.Build();

    private protected override void WriteStartLine(IBufferWriter<byte> output)
    {
        SipMessageWriter.Append(output, Encoding.UTF8.GetBytes("SIP/2.0 " + _statusCode.ToString(CultureInfo.InvariantCulture) + " " + _reason + "\r\n"));
    }
}
