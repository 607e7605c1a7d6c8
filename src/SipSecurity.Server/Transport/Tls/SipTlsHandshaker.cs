using System.Net;
using SipSecurity.Server.Hosting;

namespace SipSecurity.Server.Transport.Tls;

/// <summary>
/// What every TLS connection of one transport layer shares for its handshake: the context, the gate that bounds
/// handshakes in progress (each costs CPU and memory an attacker gets for free), and rate-limited logging of failures.
/// </summary>
internal sealed class SipTlsHandshaker
{
    private const int LogLinesPerSecond = 10;

    private readonly SipInboundProcessor _processor;
    private readonly SipLogRateLimiter _failures = new(LogLinesPerSecond);
    private readonly SipLogRateLimiter _rejections = new(LogLinesPerSecond);

    public SipTlsHandshaker(ISipTlsServerContext context, SipInboundProcessor processor)
    {
        if (context.MaxConcurrentHandshakes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(context), context.MaxConcurrentHandshakes, "MaxConcurrentHandshakes must be at least 1.");
        }

        Context = context;
        _processor = processor;

        // Read once: the limit of a running layer does not change with the context's later answers.
        Gate = new SemaphoreSlim(context.MaxConcurrentHandshakes, context.MaxConcurrentHandshakes);
    }

    public ISipTlsServerContext Context { get; }

    /// <summary>Entered for the duration of one handshake.</summary>
    public SemaphoreSlim Gate { get; }

    /// <summary>Counts a failed or timed-out handshake and logs it (rate-limited; the reason, never key material).</summary>
    public void OnHandshakeFailed(IPEndPoint remote, string reason)
    {
        Interlocked.Increment(ref _processor.Counters.TlsHandshakesFailed);
        var log = _processor.Log;
        if (log.IsEnabled(SipLogLevel.Information) && _failures.TryEnter(out var suppressed))
        {
            log.Write(SipLogLevel.Information, "TlsHandshakeFailed", "A TLS handshake failed; the connection was closed.",
                ("Remote", remote), ("Error", reason), ("Suppressed", suppressed));
        }
    }

    /// <summary>A client certificate was sent but did not verify (Want mode): the connection goes on without it.</summary>
    public void OnClientCertificateRejected(IPEndPoint remote, string problem)
    {
        var log = _processor.Log;
        if (log.IsEnabled(SipLogLevel.Information) && _rejections.TryEnter(out var suppressed))
        {
            log.Write(SipLogLevel.Information, "ClientCertificateRejected", "A TLS client certificate did not verify; the connection goes on without it.",
                ("Remote", remote), ("Problem", problem), ("Suppressed", suppressed));
        }
    }

    /// <summary>The exception's message and those of its inner exceptions (OpenSSL's reason sits two levels down).</summary>
    public static string Describe(Exception e)
    {
        var text = e.Message;
        var inner = e.InnerException;
        for (var depth = 0; inner is not null && depth < 3; depth++, inner = inner.InnerException)
        {
            if (!text.Contains(inner.Message, StringComparison.Ordinal))
            {
                text += " | " + inner.Message;
            }
        }

        return text;
    }
}
