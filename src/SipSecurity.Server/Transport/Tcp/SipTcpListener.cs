using System.Net;
using System.Net.Sockets;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Hosting;
using SipSecurity.Server.Transport.Tls;

namespace SipSecurity.Server.Transport.Tcp;

/// <summary>
/// A listening TCP socket and its accept loop; accepted sockets go to the connection table, which runs the TLS
/// handshake first when this listener serves a TLS connector.
/// </summary>
internal sealed class SipTcpListener : IAsyncDisposable
{
    private const int Backlog = 1_024;

    private readonly Socket _socket;
    private readonly SipTcpConnectionTable _table;
    private readonly ISipServerLog _log;
    private readonly SipTlsHandshaker? _tls;
    private Task _acceptLoop = Task.CompletedTask;

    private SipTcpListener(Socket socket, string name, SipTcpConnectionTable table, ISipServerLog log, SipTlsHandshaker? tls)
    {
        _socket = socket;
        _tls = tls;
        _table = table;
        _log = log;
        Name = name;
        LocalEndPoint = SipNetworkAddress.Normalize((IPEndPoint)socket.LocalEndPoint!);
    }

    public string Name { get; }

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Binds and listens (throws <see cref="SocketException"/>); accepting starts with <see cref="Start"/>.</summary>
    public static SipTcpListener Bind(SipConnector connector, IPAddress address, SipTcpConnectionTable table, ISipServerLog log, SipTlsHandshaker? tls = null)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (address.Equals(IPAddress.IPv6Any))
            {
                try
                {
                    socket.DualMode = true;
                }
                catch (SocketException)
                {
                    // IPv6 only on this OS.
                }
            }

            socket.Bind(new IPEndPoint(address, connector.Port));
            socket.Listen(Backlog);
            return new SipTcpListener(socket, connector.Name, table, log, tls);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Start()
    {
        _acceptLoop = Task.Run(AcceptLoopAsync);
        if (_log.IsEnabled(SipLogLevel.Information))
        {
            _log.Write(SipLogLevel.Information, "ListenerStarted", _tls is null ? "TCP listener started." : "TLS listener started.", ("Connector", Name), ("EndPoint", LocalEndPoint));
        }
    }

    /// <summary>Closes the listening socket; accepted connections stay open.</summary>
    public async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        await _acceptLoop.ConfigureAwait(false);
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            Socket accepted;
            try
            {
                accepted = await _socket.AcceptAsync().ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.OperationAborted or SocketError.Interrupted or SocketError.Shutdown)
            {
                return;
            }
            catch (SocketException e)
            {
                // ECONNABORTED, EMFILE and the like: this socket failed, the listener did not.
                LogError(e);
                if (e.SocketErrorCode is not (SocketError.ConnectionAborted or SocketError.ConnectionReset))
                {
                    // Out of descriptors or buffers: do not spin while the OS recovers.
                    await Task.Delay(50).ConfigureAwait(false);
                }

                continue;
            }

            try
            {
                _table.Accept(accepted, Name, _tls);
            }
            catch (Exception e)
            {
                // A peer that is already gone (RemoteEndPoint throws) must not stop the accept loop.
                accepted.Dispose();
                LogError(e);
            }
        }
    }

    private void LogError(Exception e)
    {
        if (_log.IsEnabled(SipLogLevel.Warning))
        {
            _log.Write(SipLogLevel.Warning, "TransportError", _tls is null ? "TCP accept failed." : "TLS accept failed.",
                ("Connector", Name), ("EndPoint", LocalEndPoint), ("Error", e.GetType().Name), ("Detail", e.Message));
        }
    }
}
