using SipSecurity.Server.Hosting;
using SipSecurity.Sip.Headers;
using SipSecurity.Sip.Messages;
using SipSecurity.Sip.Parsing;

namespace SipSecurity.Server.Transport;

/// <summary>
/// What every transport does with a framed message: validate it, stamp the top Via of a request (RFC 3261 §18.2.1),
/// hand it to the sink; and for a malformed request, build the stateless error answer. Shared by UDP and TCP.
/// </summary>
internal sealed class SipInboundProcessor
{
    private readonly ISipMessageSink _sink;
    private readonly ISipServerLog _log;
    private readonly SipServerCounters _counters;
    private volatile SipTransportLimits _limits;

    public SipInboundProcessor(ISipMessageSink sink, SipTransportLimits limits, ISipServerLog log, SipServerCounters counters)
    {
        _sink = sink;
        _limits = limits;
        _log = log;
        _counters = counters;
    }

    public SipTransportLimits Limits
    {
        get => _limits;
        set => _limits = value;
    }

    public ISipServerLog Log => _log;

    public SipServerCounters Counters => _counters;

    /// <summary>
    /// Validates, stamps and delivers a parsed message. False when validation failed (counted and logged): the caller
    /// may answer a request with <see cref="TryBuildError"/>; the stream framing is intact either way.
    /// </summary>
    public bool Deliver(SipMessage message, SipInboundContext source, out SipParseException? error)
    {
        SipRequest? request = null;
        try
        {
            SipMessageValidator.Validate(message);
            if (message is SipRequest r)
            {
                request = SipViaStamp.Apply(r, source.RemoteEndPoint, _limits.ReparseOptions);
            }
        }
        catch (SipParseException e)
        {
            OnMalformed(source, e);
            error = e;
            return false;
        }

        error = null;
        try
        {
            if (request is not null)
            {
                _sink.OnRequest(request, source);
            }
            else
            {
                _sink.OnResponse((SipResponse)message, source);
            }
        }
        catch (Exception e)
        {
            // The sink's failure is not the peer's: log, count, keep the receive loop alive.
            Interlocked.Increment(ref _counters.MessagesDropped);
            _log.Write(SipLogLevel.Error, "SinkError", "The message sink failed on a received message.",
                ("Transport", source.Transport), ("Remote", source.RemoteEndPoint), ("Error", e.GetType().Name), ("Detail", e.Message));
        }

        return true;
    }

    /// <summary>Counts and logs a message that could not be parsed or validated (never its content).</summary>
    public void OnMalformed(SipInboundContext source, SipParseException error)
    {
        Interlocked.Increment(ref _counters.MalformedMessages);
        if (_log.IsEnabled(SipLogLevel.Warning))
        {
            _log.Write(SipLogLevel.Warning, "MalformedMessage", "Dropped or rejected a malformed SIP message.",
                ("Transport", source.Transport), ("Remote", source.RemoteEndPoint), ("Reason", error.Reason), ("Header", error.HeaderName));
        }
    }

    /// <summary>The stateless error response to a malformed request, and the Via to route it by; false for a response or unreadable input.</summary>
    public static bool TryBuildError(ReadOnlySpan<byte> input, SipParseException error, SipInboundContext source, out byte[] response, out SipVia? topVia)
        => SipStatelessError.TryBuild(input, error, source.RemoteEndPoint, reliable: source.Connection is not null, out response, out topVia);
}
