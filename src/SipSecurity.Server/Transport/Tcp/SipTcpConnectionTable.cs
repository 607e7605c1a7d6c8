using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Hosting;
using SipSecurity.Server.Transport.Tls;

namespace SipSecurity.Server.Transport.Tcp;

/// <summary>
/// Every open TCP connection, plain or TLS: admission against MaxConnections and MaxConnectionsPerSource (TCP and
/// TLS count together, so a source cannot double its share by using both), lookup by transport and remote endpoint
/// (responses whose connection is gone, RFC 3261 §18.2.2), and one periodic sweep that closes idle connections
/// (instead of a timer per connection).
/// </summary>
internal sealed class SipTcpConnectionTable : IDisposable
{
    private static readonly TimeSpan s_connectTimeout = TimeSpan.FromSeconds(5);

    private readonly SipInboundProcessor _processor;
    private readonly ConcurrentDictionary<long, SipTcpConnection> _connections = new();
    private readonly ConcurrentDictionary<(SipTransportKind, IPEndPoint), SipTcpConnection> _byRemote = new();
    private readonly ConcurrentDictionary<IPEndPoint, Task<SipTcpConnection?>> _connecting = new();
    private readonly Dictionary<IPAddress, int> _perSource = [];
    private readonly Timer _sweep;
    private int _total;
    private bool _disposed;

    public SipTcpConnectionTable(SipInboundProcessor processor)
    {
        _processor = processor;
        _sweep = new Timer(_ => Sweep(), null, Timeout.Infinite, Timeout.Infinite);
        OnSettingsChanged();
    }

    public int Count => _connections.Count;

    public IEnumerable<SipTcpConnection> Connections => _connections.Values;

    /// <summary>Re-arms the idle sweep for the current idle timeout: a quarter of it, between 100 ms and 5 s.</summary>
    public void OnSettingsChanged()
    {
        var timeout = _processor.Limits.Settings.ConnectionIdleTimeout;
        var period = TimeSpan.FromTicks(Math.Clamp(timeout.Ticks / 4, TimeSpan.FromMilliseconds(100).Ticks, TimeSpan.FromSeconds(5).Ticks));
        lock (_perSource)
        {
            if (!_disposed)
            {
                _sweep.Change(period, period);
            }
        }
    }

    /// <summary>
    /// Takes an accepted socket: refused (closed at once) past a limit, else registered and started; with
    /// <paramref name="tls"/>, the TLS handshake runs after admission, so a handshake flood is bounded by the limits too.
    /// </summary>
    public void Accept(Socket socket, string connectorName, SipTlsHandshaker? tls = null)
    {
        var remote = SipNetworkAddress.Normalize(((IPEndPoint)socket.RemoteEndPoint!).Address);
        var settings = _processor.Limits.Settings;
        string? refusal = null;
        lock (_perSource)
        {
            _perSource.TryGetValue(remote, out var fromSource);
            if (_disposed)
            {
                refusal = "ShuttingDown";
            }
            else if (_total >= settings.MaxConnections)
            {
                refusal = "MaxConnections";
            }
            else if (fromSource >= settings.MaxConnectionsPerSource)
            {
                refusal = "MaxConnectionsPerSource";
            }
            else
            {
                _perSource[remote] = fromSource + 1;
                _total++;
            }
        }

        if (refusal is not null)
        {
            Interlocked.Increment(ref _processor.Counters.ConnectionsRefused);
            if (_processor.Log.IsEnabled(SipLogLevel.Warning))
            {
                _processor.Log.Write(SipLogLevel.Warning, "ConnectionRefused", "Refused a TCP connection.",
                    ("Connector", connectorName), ("Transport", tls is null ? SipTransportKind.Tcp : SipTransportKind.Tls),
                    ("Remote", socket.RemoteEndPoint), ("Limit", refusal));
            }

            socket.Dispose();
            return;
        }

        Interlocked.Increment(ref _processor.Counters.ConnectionsAccepted);
        Start(socket, connectorName, tls);
    }

    /// <summary>An open connection of <paramref name="transport"/> to <paramref name="remote"/>, or null.</summary>
    public SipTcpConnection? Find(SipTransportKind transport, IPEndPoint remote)
        => _byRemote.TryGetValue((transport, remote), out var c) && c.IsOpen ? c : null;

    /// <summary>
    /// Opens a connection to <paramref name="remote"/> (RFC 3261 §18.2.2: the response's connection is gone), or joins
    /// one being opened; it then lives as any other connection. Null when the connect fails or times out.
    /// </summary>
    public Task<SipTcpConnection?> ConnectAsync(IPEndPoint remote, string connectorName)
    {
        if (Find(SipTransportKind.Tcp, remote) is { } open)
        {
            return Task.FromResult<SipTcpConnection?>(open);
        }

        var task = _connecting.GetOrAdd(remote, r => ConnectCoreAsync(r, connectorName));
        _ = task.ContinueWith(t => _connecting.TryRemove(new KeyValuePair<IPEndPoint, Task<SipTcpConnection?>>(remote, t)), TaskScheduler.Default);
        return task;
    }

    public void Remove(SipTcpConnection connection)
    {
        if (!_connections.TryRemove(connection.Id, out _))
        {
            return;
        }

        _byRemote.TryRemove(new KeyValuePair<(SipTransportKind, IPEndPoint), SipTcpConnection>((connection.Transport, connection.RemoteEndPoint), connection));
        lock (_perSource)
        {
            _total--;
            var address = connection.RemoteEndPoint.Address;
            if (_perSource.TryGetValue(address, out var n))
            {
                if (n <= 1)
                {
                    _perSource.Remove(address);
                }
                else
                {
                    _perSource[address] = n - 1;
                }
            }
        }

        Interlocked.Decrement(ref _processor.Counters.ConnectionsActive);
    }

    /// <summary>Closes every connection.</summary>
    public void Dispose()
    {
        lock (_perSource)
        {
            _disposed = true;
            _sweep.Change(Timeout.Infinite, Timeout.Infinite);
        }

        _sweep.Dispose();
        foreach (var c in _connections.Values)
        {
            c.Abort();
        }
    }

    /// <summary>Closes connections with no bytes received for ConnectionIdleTimeout.</summary>
    internal void Sweep()
    {
        var timeout = (long)_processor.Limits.Settings.ConnectionIdleTimeout.TotalMilliseconds;
        var now = Environment.TickCount64;
        foreach (var c in _connections.Values)
        {
            if (now - c.LastReceived >= timeout)
            {
                if (_processor.Log.IsEnabled(SipLogLevel.Debug))
                {
                    _processor.Log.Write(SipLogLevel.Debug, "ConnectionIdle", "Closed an idle TCP connection.",
                        ("Transport", c.Transport), ("Remote", c.RemoteEndPoint), ("Connection", c.Id));
                }

                c.Abort();
            }
        }
    }

    private async Task<SipTcpConnection?> ConnectCoreAsync(IPEndPoint remote, string connectorName)
    {
        var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = new CancellationTokenSource(s_connectTimeout);
            await socket.ConnectAsync(remote, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            socket.Dispose();
            if (_processor.Log.IsEnabled(SipLogLevel.Warning))
            {
                _processor.Log.Write(SipLogLevel.Warning, "TransportError", "Could not open a TCP connection for a response.",
                    ("Remote", remote), ("Error", e is SocketException se ? se.SocketErrorCode.ToString() : "Timeout"));
            }

            return null;
        }

        lock (_perSource)
        {
            if (_disposed)
            {
                socket.Dispose();
                return null;
            }

            var address = SipNetworkAddress.Normalize(remote.Address);
            _perSource[address] = _perSource.GetValueOrDefault(address) + 1;
            _total++;
        }

        return Start(socket, connectorName, tls: null);
    }

    private SipTcpConnection Start(Socket socket, string connectorName, SipTlsHandshaker? tls)
    {
        socket.NoDelay = true;
        ISipStreamChannel channel = tls is null
            ? new SipSocketChannel(socket)
            : new SipTlsChannel(socket, SipNetworkAddress.Normalize((IPEndPoint)socket.RemoteEndPoint!), tls);
        var connection = new SipTcpConnection(socket, channel, connectorName, this, _processor);
        _connections[connection.Id] = connection;
        _byRemote[(connection.Transport, connection.RemoteEndPoint)] = connection;
        Interlocked.Increment(ref _processor.Counters.ConnectionsActive);
        _ = connection.RunAsync();
        return connection;
    }
}
