using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using SipSecurity.Sip.Messages;
using SipSecurity.Sip.Parsing;
using SipSecurity.Sip.Writing;

namespace SipSecurity.Server.Tests.Diagnostics;

/// <summary>What the in-test TLS server does after accepting a connection.</summary>
internal enum TestServerMode
{
    /// <summary>Handshake, then answer SIP requests 200 (parsed by the project's parser) until the client leaves.</summary>
    Sip,

    /// <summary>Accept the TCP connection and never start the handshake.</summary>
    Silent,
}

/// <summary>A loopback SslStream server on a free port; records the client certificate and the requests it got.</summary>
internal sealed class TestTlsServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly SslStreamCertificateContext _context;
    private readonly Task _accepting;

    public TestTlsServer(X509Certificate2 certificate, X509Certificate2Collection? intermediates = null, bool requireClientCertificate = false,
        SslProtocols protocols = SslProtocols.Tls12 | SslProtocols.Tls13, TestServerMode mode = TestServerMode.Sip)
    {
        _context = SslStreamCertificateContext.Create(certificate, intermediates, offline: true);
        RequireClientCertificate = requireClientCertificate;
        Protocols = protocols;
        Mode = mode;
        _listener.Start();
        _accepting = AcceptLoop();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public bool RequireClientCertificate { get; }

    public SslProtocols Protocols { get; }

    public TestServerMode Mode { get; }

    /// <summary>Subject of the client certificate of the last handshake (null when none was sent).</summary>
    public string? ClientCertificateSubject { get; private set; }

    /// <summary>Requests received, in order.</summary>
    public List<SipRequest> Requests { get; } = [];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping the listener ends the loop.
        }

        _stop.Dispose();
    }

    private async Task AcceptLoop()
    {
        var connections = new List<Task>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                connections.Add(Serve(client));
            }
        }
        finally
        {
            await Task.WhenAll(connections);
        }
    }

    private async Task Serve(TcpClient client)
    {
        using (client)
        {
            if (Mode == TestServerMode.Silent)
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    // Test over.
                }

                return;
            }

            using var ssl = new SslStream(client.GetStream());
            try
            {
                await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificateContext = _context,
                    EnabledSslProtocols = Protocols,
                    ClientCertificateRequired = RequireClientCertificate,
                    AllowTlsResume = false,
                    // The tests judge presence only: any client certificate is accepted, none is refused when required.
                    RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    {
                        ClientCertificateSubject = certificate?.Subject;
                        return !RequireClientCertificate || certificate is not null;
                    },
                }, _stop.Token);
                await AnswerRequests(ssl);
            }
            catch (Exception exception) when (exception is AuthenticationException or IOException or OperationCanceledException)
            {
                // A refused handshake or a client that left: the probe's side is what the tests assert.
            }
        }
    }

    private async Task AnswerRequests(SslStream ssl)
    {
        var buffer = new List<byte>();
        var chunk = new byte[4096];
        while (true)
        {
            var read = await ssl.ReadAsync(chunk, _stop.Token);
            if (read == 0)
            {
                return;
            }

            buffer.AddRange(chunk.AsSpan(0, read));
            var result = SipParser.Parse(buffer.ToArray(), SipParseMode.Stream);
            if (result.Status == SipParseStatus.Incomplete)
            {
                continue;
            }

            buffer.RemoveRange(0, (int)result.Consumed);
            if (result.Message is SipRequest request)
            {
                lock (Requests)
                {
                    Requests.Add(request);
                }

                await ssl.WriteAsync(SipResponseBuilder.CreateFor(request, 200).ToArray(), _stop.Token);
            }
        }
    }
}
