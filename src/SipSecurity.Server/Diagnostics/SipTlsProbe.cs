using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace SipSecurity.Server.Diagnostics;

/// <summary>
/// A TLS client that reports what openssl s_client shows: connects, completes the handshake whatever the server's
/// certificate (the verdict is reported, not enforced), and checks that the connection stays usable.
/// </summary>
public static class SipTlsProbe
{
    /// <summary>
    /// Probes <see cref="SipTlsProbeOptions.Host"/>:<see cref="SipTlsProbeOptions.Port"/>. Expected failures (refused,
    /// timeout, handshake failure, rejection after the handshake) come back as a result with
    /// <see cref="SipTlsProbeResult.Error"/> set; only cancellation through <paramref name="cancellationToken"/> throws.
    /// </summary>
    public static async Task<SipTlsProbeResult> ProbeAsync(SipTlsProbeOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var serverName = string.IsNullOrWhiteSpace(options.ServerName) ? options.Host : options.ServerName;
        var result = new SipTlsProbeResult(options.Host, options.Port, serverName);
        var started = TimeProvider.System.GetTimestamp();
        try
        {
            await RunAsync(options, serverName, result, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            result.Elapsed = TimeProvider.System.GetElapsedTime(started);
        }

        return result;
    }

    private static async Task RunAsync(SipTlsProbeOptions options, string serverName, SipTlsProbeResult result, CancellationToken cancellationToken)
    {
        var endpoint = $"{options.Host}:{options.Port.ToString(CultureInfo.InvariantCulture)}";
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Timeout);

        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(options.Host, options.Port, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            result.Error = $"Connecting to {endpoint} timed out after {Seconds(options.Timeout)}.";
            return;
        }
        catch (SocketException exception)
        {
            result.Error = $"Could not connect to {endpoint}: {exception.Message} ({exception.SocketErrorCode}).";
            return;
        }

        var session = new HandshakeRecorder(options.ClientCertificate, options.ClientIntermediates is { Count: > 0 });
        using var ssl = new SslStream(new NetworkStream(socket, ownsSocket: false), leaveInnerStreamOpen: false);
        try
        {
            try
            {
                await ssl.AuthenticateAsClientAsync(session.CreateOptions(options, serverName), deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                result.Error = $"The TLS handshake with {endpoint} did not complete within {Seconds(options.Timeout)}.";
                return;
            }
            catch (Exception exception) when (exception is AuthenticationException or IOException or SocketException)
            {
                result.Error = $"The TLS handshake with {endpoint} failed (offered {options.Protocols}): {Describe(exception)}";
                return;
            }
            finally
            {
                Report(session, ssl, options, serverName, result);
            }

            if (options.SendOptions)
            {
                await PingAsync(ssl, socket, options, serverName, result, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await AwaitAcceptanceAsync(ssl, options, result, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            session.Dispose();
        }
    }

    private static void Report(HandshakeRecorder session, SslStream ssl, SipTlsProbeOptions options, string serverName, SipTlsProbeResult result)
    {
        result.HandshakeCompleted = ssl.IsAuthenticated;
        result.ServerCertificates = session.ServerChain.Select(SipTlsCertificateInfo.Describe).ToArray();
        if (options.TrustAnchors is not null && session.ServerChain.Count > 0)
        {
            var errors = SipTlsChainJudge.Judge(session.ServerChain, options.TrustAnchors, serverName, DateTime.UtcNow);
            result.Validated = errors.Count == 0;
            result.ValidationErrors = errors;
        }
        else if (options.TrustAnchors is not null)
        {
            // The handshake failed before the server's certificate arrived: there is nothing valid to report.
            result.Validated = false;
            result.ValidationErrors = ["NoCertificate: no server certificate was received."];
        }

        if (ssl.IsAuthenticated)
        {
            result.Protocol = ssl.SslProtocol;
            result.CipherSuite = ssl.NegotiatedCipherSuite;
            result.ClientCertificateSent = ssl.LocalCertificate is not null;
            result.ClientCertificateRequested = session.Requested || ssl.LocalCertificate is not null;
        }
        else
        {
            result.ClientCertificateRequested = session.Requested ? true : session.UsesContext ? null : false;
            result.ClientCertificateSent = session.SentOnRequest ? true : session.UsesContext ? null : false;
        }
    }

    private static async Task AwaitAcceptanceAsync(SslStream ssl, SipTlsProbeOptions options, SipTlsProbeResult result, CancellationToken cancellationToken)
    {
        using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        window.CancelAfter(options.AcceptanceWindow < options.Timeout ? options.AcceptanceWindow : options.Timeout);
        var buffer = new byte[1];
        try
        {
            // A server that accepted us stays silent (or talks first); one that did not closes or sends an alert.
            if (await ssl.ReadAsync(buffer, window.Token).ConfigureAwait(false) == 0)
            {
                Reject(result, "The server closed the connection right after the handshake" + AfterRequestHint(result) + ".");
                return;
            }

            result.Accepted = true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            result.Accepted = true;
        }
        catch (Exception exception) when (exception is IOException or AuthenticationException or SocketException)
        {
            Reject(result, $"The server ended the connection after the handshake{AfterRequestHint(result)}: {Describe(exception)}");
        }
    }

    private static async Task PingAsync(SslStream ssl, Socket socket, SipTlsProbeOptions options, string serverName, SipTlsProbeResult result, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Timeout);
        try
        {
            var request = SipOptionsPing.BuildRequest(serverName, options.Port, socket.LocalEndPoint as IPEndPoint);
            await ssl.WriteAsync(request, deadline.Token).ConfigureAwait(false);
            await ssl.FlushAsync(deadline.Token).ConfigureAwait(false);
            var line = await SipOptionsPing.ReadFirstLineAsync(ssl, deadline.Token).ConfigureAwait(false);
            if (line is null)
            {
                Reject(result, "The server closed the connection without answering OPTIONS" + AfterRequestHint(result) + ".");
                return;
            }

            result.Accepted = true;
            if (SipOptionsPing.TryParseStatusLine(line, out var status, out var reason))
            {
                result.OptionsStatus = status;
                result.OptionsReason = reason;
            }
            else
            {
                result.Error = $"The answer to OPTIONS is not a SIP response: '{SipOptionsPing.Printable(line)}'.";
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            result.Accepted = true;
            result.Error = $"The server did not answer OPTIONS within {Seconds(options.Timeout)}.";
        }
        catch (InvalidDataException exception)
        {
            result.Accepted = true;
            result.Error = "The answer to OPTIONS is not a SIP response: " + exception.Message;
        }
        catch (Exception exception) when (exception is IOException or AuthenticationException or SocketException)
        {
            Reject(result, $"The server ended the connection after the handshake{AfterRequestHint(result)}: {Describe(exception)}");
        }
    }

    private static void Reject(SipTlsProbeResult result, string error)
    {
        result.Accepted = false;
        result.Error = error;
    }

    private static string AfterRequestHint(SipTlsProbeResult result) => result.ClientCertificateRequested switch
    {
        true when result.ClientCertificateSent == true => " (it asked for a client certificate, which was sent: it was not accepted)",
        true => " (it asked for a client certificate and none was sent)",
        _ => string.Empty,
    };

    /// <summary>The messages of an exception and its inner exceptions, without .NET's "see inner exception" filler.</summary>
    internal static string Describe(Exception exception)
    {
        var messages = new List<string>();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            var message = current.Message.Trim();
            if (message.Length > 0 && !message.Contains("see inner exception", StringComparison.OrdinalIgnoreCase) && !messages.Contains(message))
            {
                messages.Add(message);
            }
        }

        return messages.Count == 0 ? exception.GetType().Name : string.Join(" ", messages.Select(m => m.EndsWith('.') ? m : m + "."));
    }

    private static string Seconds(TimeSpan timeout) => timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
