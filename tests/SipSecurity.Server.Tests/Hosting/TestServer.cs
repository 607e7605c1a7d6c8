using System.Net;
using System.Net.Sockets;
using System.Text;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Hosting;

namespace SipSecurity.Server.Tests.Hosting;

/// <summary>
/// A real server on loopback over a temporary store with the seed's REGISTER constraint, and a way to
/// send it raw bytes over TCP and read the answer.
/// </summary>
internal sealed class TestServer : IAsyncDisposable
{
    private readonly TempStore _store = new();

    private TestServer()
    {
    }

    public SipServer Server { get; private set; } = null!;

    public IPEndPoint Tcp => Server.Endpoints.Single(e => e.Transport == SipTransportKind.Tcp).EndPoint;

    public IPEndPoint Udp => Server.Endpoints.Single(e => e.Transport == SipTransportKind.Udp).EndPoint;

    public static TestServer Start()
    {
        var test = new TestServer();
        var store = test._store.Store;
        var connectors = new SipConnectorManager(store);
        foreach (var connector in connectors.Find())
        {
            connectors.Remove(connector.Name);
        }

        connectors.Add("udp", SipTransportKind.Udp, "127.0.0.1", 0);
        connectors.Add("tcp", SipTransportKind.Tcp, "127.0.0.1", 0);
        new SipSecurityConstraintManager(store).Set(new SipConstraintSpec
        {
            Name = "REGISTER Method Security Constraint",
            Servlets = ["registrar"],
            Methods = ["REGISTER"],
            Roles = ["caller"],
        });
        test._store.Store.Dispose();
        test.Server = SipServer.Start(new SipServerOptions { StorePath = test._store.Path_, Name = "test" });
        return test;
    }

    /// <summary>Sends bytes on a new TCP connection and returns the first response's status code, or null when none came.</summary>
    public async Task<int?> SendOverTcpAsync(byte[] message, TimeSpan wait)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(Tcp);
        var stream = client.GetStream();
        await stream.WriteAsync(message);
        using var timeout = new CancellationTokenSource(wait);
        var received = new StringBuilder();
        var buffer = new byte[4096];
        try
        {
            while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer, timeout.Token);
                if (read == 0)
                {
                    break;
                }

                received.Append(Encoding.UTF8.GetString(buffer, 0, read));
            }
        }
        catch (OperationCanceledException)
        {
        }

        var text = received.ToString();
        return text.StartsWith("SIP/2.0 ", StringComparison.Ordinal) ? int.Parse(text.AsSpan(8, 3), System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.StopAsync();
        _store.Dispose();
    }
}
