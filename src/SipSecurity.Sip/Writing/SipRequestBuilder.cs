using System.Buffers;
using System.Text;
using SipSecurity.Sip.Messages;
using SipSecurity.Sip.Parsing;

namespace SipSecurity.Sip.Writing;

/// <summary>Builds a request (RFC 3261 §8.1.1) for client transactions: the caller adds To, From, Call-ID, CSeq, Max-Forwards and Via.</summary>
public sealed class SipRequestBuilder : SipMessageBuilder
{
    private readonly string _method;
    private readonly string _requestUri;

    /// <summary>Starts a request line; the method must be a token and the URI must parse.</summary>
    public SipRequestBuilder(string method, string requestUri)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(requestUri);
        if (!SipChars.IsAllTokens(Encoding.ASCII.GetBytes(method)))
        {
            throw new ArgumentException("Method must be a token (RFC 3261 §25.1).", nameof(method));
        }

        _ = Uri.SipUri.Parse(requestUri);
        _method = method;
        _requestUri = requestUri;
    }

    /// <summary>Builds the request.</summary>
    public new SipRequest Build() => (SipRequest)base.Build();

    private protected override void WriteStartLine(IBufferWriter<byte> output)
    {
        SipMessageWriter.Append(output, Encoding.ASCII.GetBytes(_method + " " + _requestUri + " SIP/2.0\r\n"));
    }
}
