using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Hosting;
using SipSecurity.Server.Transport;
using SipSecurity.Sip.Messages;
using SipSecurity.Sip.Parsing;

namespace SipSecurity.Server.Tests.Transport.Tls;

/// <summary>Keeps every event with its fields.</summary>
internal sealed class RecordingLog : ISipServerLog
{
    public ConcurrentQueue<(string EventId, Dictionary<string, object?> Fields)> Events { get; } = new();

    public bool IsEnabled(SipLogLevel level) => true;

    public void Write(SipLogLevel level, string eventId, string message, params ReadOnlySpan<(string Key, object? Value)> fields)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in fields)
        {
            copy[key] = value;
        }

        Events.Enqueue((eventId, copy));
    }

    public IEnumerable<Dictionary<string, object?>> Find(string eventId) => Events.Where(e => e.EventId == eventId).Select(e => e.Fields);
}

/// <summary>A started transport layer with a TLS connector (and optionally a TCP one) on loopback, port 0.</summary>
internal sealed class TlsTransportFixture : IAsyncDisposable
{
    private TlsTransportFixture(SipTransportLayer layer, RecordingSink sink, SipServerCounters counters, RecordingLog log, TestTlsServerContext context)
    {
        Layer = layer;
        Sink = sink;
        Counters = counters;
        Log = log;
        Context = context;
    }

    public SipTransportLayer Layer { get; }

    public RecordingSink Sink { get; }

    public SipServerCounters Counters { get; }

    public RecordingLog Log { get; }

    public TestTlsServerContext Context { get; }

    public IPEndPoint EndPoint => Layer.Endpoints.First(e => e.Transport == SipTransportKind.Tls).EndPoint;

    public static TlsTransportFixture Start(TestTlsServerContext? context = null, SipServerSettings? settings = null, bool withTcp = false)
    {
        context ??= new TestTlsServerContext();
        var sink = new RecordingSink();
        var counters = new SipServerCounters();
        var log = new RecordingLog();
        var layer = new SipTransportLayer(sink, settings ?? new SipServerSettings(), log, counters, context);
        sink.Sender = layer;
        layer.Start(withTcp ? [Tls(), TransportFixture.Tcp()] : [Tls()]);
        return new TlsTransportFixture(layer, sink, counters, log, context);
    }

    public static SipConnector Tls(string address = "127.0.0.1", int port = 0)
        => new() { Name = "tls", Transport = SipTransportKind.Tls, Address = address, Port = port };

    public static string Via(string branch) => $"SIP/2.0/TLS phone.invalid;branch={branch};rport";

    /// <summary>Connects and completes the client handshake.</summary>
    public async Task<TlsClient> Connect(X509Certificate2? clientCertificate = null, SslProtocols protocols = SslProtocols.None)
    {
        var client = await TlsClient.ConnectAsync(EndPoint);
        try
        {
            await client.AuthenticateAsync(clientCertificate, protocols);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await Layer.DisposeAsync();
}

/// <summary>A TLS client over a plain socket: connect first, handshake when the test says so; reads SIP messages back.</summary>
internal sealed class TlsClient : IDisposable
{
    private readonly SipStreamReader _reader;

    private TlsClient(Socket socket)
    {
        Socket = socket;
        Stream = new SslStream(new NetworkStream(socket, ownsSocket: false), leaveInnerStreamOpen: true);
        _reader = new SipStreamReader(Stream);
    }

    public Socket Socket { get; }

    public SslStream Stream { get; }

    /// <summary>The certificate the server presented in the handshake.</summary>
    public X509Certificate2? ServerCertificate { get; private set; }

    public static async Task<TlsClient> ConnectAsync(IPEndPoint server)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(server);
        return new TlsClient(socket);
    }

    public async Task AuthenticateAsync(X509Certificate2? clientCertificate = null, SslProtocols protocols = SslProtocols.None)
    {
        using var cts = new CancellationTokenSource(TransportFixture.Timeout);
        await Stream.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            EnabledSslProtocols = protocols,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,

            // Pinned to the test server certificates; the test asserts which one it saw.
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                ServerCertificate = certificate as X509Certificate2;
                return ServerCertificate is not null
                    && (ServerCertificate.Thumbprint == TestCertificates.Server1.Thumbprint || ServerCertificate.Thumbprint == TestCertificates.Server2.Thumbprint);
            },
            LocalCertificateSelectionCallback = clientCertificate is null ? null : (_, _, _, _, _) => clientCertificate,
        }, cts.Token);
    }

    public async Task Send(string text)
    {
        await Stream.WriteAsync(Encoding.UTF8.GetBytes(text));
        await Stream.FlushAsync();
    }

    /// <summary>The next message; keep-alive CRLFs before it are skipped.</summary>
    public Task<SipMessage> ReadMessage() => _reader.ReadMessage();

    public Task<byte[]> ReadBytes(int count) => _reader.ReadBytes(count);

    /// <summary>True when the server closes the connection (end of stream, reset or a TLS alert) within the timeout.</summary>
    public Task<bool> IsClosedByServer() => _reader.IsClosedByServer();

    /// <summary>Same on the raw socket, for a client that never started TLS.</summary>
    public async Task<bool> IsSocketClosedByServer()
    {
        try
        {
            using var cts = new CancellationTokenSource(TransportFixture.Timeout);
            var chunk = new byte[1_024];
            while (await Socket.ReceiveAsync(chunk, SocketFlags.None, cts.Token) > 0)
            {
            }

            return true;
        }
        catch (SocketException)
        {
            return true;
        }
    }

    public void Dispose()
    {
        Stream.Dispose();
        Socket.Dispose();
    }
}
