using System.Net;
using System.Net.Sockets;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Hosting;
using SipSecurity.Server.Transport.Tcp;
using SipSecurity.Server.Transport.Tls;
using SipSecurity.Server.Transport.Udp;
using SipSecurity.Sip.Headers;

namespace SipSecurity.Server.Transport;

/// <summary>
/// The server's UDP, TCP and TLS transports: binds the connectors, frames, parses and validates what arrives, stamps
/// received/rport (RFC 3261 §18.2.1, RFC 3581) and hands messages to an <see cref="ISipMessageSink"/>; sends responses
/// back per RFC 3261 §18.2.2. Transactions and everything above see only the sink, <see cref="SipInboundContext"/>
/// and <see cref="ISipResponseSender"/>, never a socket.
/// </summary>
public sealed class SipTransportLayer : ISipResponseSender, IAsyncDisposable
{
    private readonly ISipServerLog _log;
    private readonly SipServerCounters _counters;
    private readonly SipInboundProcessor _processor;
    private readonly SipTcpConnectionTable _connections;
    private readonly SipTlsHandshaker? _tls;
    private readonly List<SipUdpListener> _udp = [];
    private readonly List<SipTcpListener> _tcp = [];
    private readonly Lock _lifecycle = new();
    private IReadOnlyList<SipBoundEndpoint> _endpoints = [];
    private bool _started;
    private bool _disposed;

    /// <param name="sink">Where received messages go.</param>
    /// <param name="settings">Limits; see <see cref="UpdateSettings"/>.</param>
    /// <param name="log">The server log.</param>
    /// <param name="counters">The server's counters.</param>
    /// <param name="tls">
    /// Certificates and client authentication for TLS connectors; asked for fresh options at every handshake, so
    /// a rotated certificate applies to new connections at once. Without it, TLS connectors are refused.
    /// </param>
    public SipTransportLayer(ISipMessageSink sink, SipServerSettings settings, ISipServerLog log, SipServerCounters counters, ISipTlsServerContext? tls = null)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(counters);
        _log = log;
        _counters = counters;
        _processor = new SipInboundProcessor(sink, new SipTransportLimits(settings), log, counters);
        _connections = new SipTcpConnectionTable(_processor);
        _tls = tls is null ? null : new SipTlsHandshaker(tls, _processor);
    }

    /// <summary>The bound connectors, with the actual ports; empty before <see cref="Start"/>.</summary>
    public IReadOnlyList<SipBoundEndpoint> Endpoints => _endpoints;

    /// <summary>
    /// Binds every connector, then starts receiving. When one bind fails, everything bound so far is closed and a
    /// <see cref="SipSecurityException"/> is thrown (PortInUse, AddressNotAvailable or BindFailed): nothing keeps
    /// running. Before anything binds: TlsNotConfigured for a TLS connector when the layer has no TLS context, and
    /// TransportNotSupported for WebSocket connectors, which other transports serve.
    /// </summary>
    public void Start(IReadOnlyList<SipConnector> connectors)
    {
        ArgumentNullException.ThrowIfNull(connectors);
        lock (_lifecycle)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_started)
            {
                throw new SipSecurityException("TransportAlreadyStarted", SipErrorKind.InvalidOperation, "The transport layer is already started.");
            }

            foreach (var c in connectors)
            {
                if (c.Transport == SipTransportKind.Tls && _tls is null)
                {
                    throw new SipSecurityException("TlsNotConfigured", SipErrorKind.InvalidOperation,
                        $"Connector '{c.Name}' ({c}) is a TLS connector, but no TLS server context (certificate, truststore) was given to the transport layer.", c.Name);
                }

                if (c.Transport is not (SipTransportKind.Udp or SipTransportKind.Tcp or SipTransportKind.Tls))
                {
                    throw new SipSecurityException("TransportNotSupported", SipErrorKind.NotImplemented,
                        $"Connector '{c.Name}' ({c}): transport {c.Transport} is not served by this transport layer.", c.Name);
                }
            }

            var endpoints = new List<SipBoundEndpoint>(connectors.Count);
            try
            {
                foreach (var c in connectors)
                {
                    endpoints.Add(Bind(c));
                }
            }
            catch
            {
                CloseBound();
                throw;
            }

            var loops = Math.Max(2, Environment.ProcessorCount);
            foreach (var u in _udp)
            {
                u.Start(loops);
            }

            foreach (var t in _tcp)
            {
                t.Start();
            }

            _endpoints = endpoints.AsReadOnly();
            _started = true;
        }
    }

    /// <summary>New limits apply to messages parsed and connections accepted from now on.</summary>
    public void UpdateSettings(SipServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _processor.Limits = new SipTransportLimits(settings);
        _connections.OnSettingsChanged();
    }

    /// <summary>Stops listening (TCP and TLS accept, UDP receive); open connections and UDP sockets still send responses.</summary>
    public async Task StopAcceptingAsync()
    {
        SipTcpListener[] tcp;
        SipUdpListener[] udp;
        lock (_lifecycle)
        {
            tcp = [.. _tcp];
            udp = [.. _udp];
            _tcp.Clear();
        }

        foreach (var t in tcp)
        {
            await t.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var u in udp)
        {
            await u.StopReceivingAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Closes listeners, connections (handshakes in progress too) and sockets.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_lifecycle)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        await StopAcceptingAsync().ConfigureAwait(false);
        _connections.Dispose();
        SipUdpListener[] udp;
        lock (_lifecycle)
        {
            udp = [.. _udp];
            _udp.Clear();
        }

        foreach (var u in udp)
        {
            await u.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// RFC 3261 §18.2.2: over a reliable transport, on the request's connection, or on a new one to received:rport when
    /// it is gone; over UDP, to maddr, else received with rport or the sent-by port, from the socket the request came in on.
    /// Failures are logged and counted in SendFailures, never thrown.
    /// </summary>
    public void SendResponse(ReadOnlyMemory<byte> response, SipVia requestTopVia, SipInboundContext source)
    {
        ArgumentNullException.ThrowIfNull(requestTopVia);
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            if (source.Transport == SipTransportKind.Udp)
            {
                SendUnreliable(response, requestTopVia, source);
            }
            else
            {
                SendReliable(response, requestTopVia, source);
            }
        }
        catch (Exception e)
        {
            SendFailed(source, null, e.GetType().Name);
        }
    }

    internal SipTcpConnectionTable Connections => _connections;

    private SipBoundEndpoint Bind(SipConnector c)
    {
        if (!IPAddress.TryParse(c.Address, out var address))
        {
            throw new SipSecurityException("AddressNotAvailable", SipErrorKind.ResourceUnavailable,
                $"Connector '{c.Name}': {c.Transport.ToString().ToUpperInvariant()} address '{c.Address}' (port {c.Port}) is not an IP address.", c.Name);
        }

        try
        {
            if (c.Transport == SipTransportKind.Udp)
            {
                var u = SipUdpListener.Bind(c, address, _processor, SendResponse);
                _udp.Add(u);
                return new SipBoundEndpoint(c.Name, c.Transport, u.LocalEndPoint);
            }

            var t = SipTcpListener.Bind(c, address, _connections, _log, c.Transport == SipTransportKind.Tls ? _tls : null);
            _tcp.Add(t);
            return new SipBoundEndpoint(c.Name, c.Transport, t.LocalEndPoint);
        }
        catch (Exception e) when (e is SocketException or ArgumentOutOfRangeException)
        {
            var code = (e as SocketException)?.SocketErrorCode;
            var (id, what) = code switch
            {
                SocketError.AddressAlreadyInUse => ("PortInUse", "is already in use"),
                SocketError.AddressNotAvailable or SocketError.AddressFamilyNotSupported => ("AddressNotAvailable", "is not available on this machine"),
                _ => ("BindFailed", "could not be bound"),
            };
            throw new SipSecurityException(id, SipErrorKind.ResourceUnavailable,
                $"Connector '{c.Name}': {c.Transport.ToString().ToUpperInvariant()} {c.Address} port {c.Port} {what} ({e.Message}).", c.Name, e);
        }
    }

    private void CloseBound()
    {
        foreach (var t in _tcp)
        {
            t.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        foreach (var u in _udp)
        {
            u.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        _tcp.Clear();
        _udp.Clear();
    }

    private void SendUnreliable(ReadOnlyMemory<byte> response, SipVia via, SipInboundContext source)
    {
        var socket = FindUdp(source);
        if (socket is null)
        {
            SendFailed(source, null, "NoUdpSocket");
            return;
        }

        var (host, port) = SipResponseRoute.ForUnreliable(via);
        if (SipNetworkAddress.TryParseLiteral(host) is { } address)
        {
            SendDatagram(socket, response.Span, new IPEndPoint(address, port), source);
            return;
        }

        // A host name (maddr or sent-by): resolve off the receive loop.
        _ = ResolveAndSendAsync(socket, response, host, port, source);
    }

    private async Task ResolveAndSendAsync(SipUdpListener socket, ReadOnlyMemory<byte> response, string host, int port, SipInboundContext source)
    {
        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(host).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            SendFailed(source, null, e.SocketErrorCode.ToString());
            return;
        }

        var usable = Array.Find(addresses, a => a.AddressFamily == socket.AddressFamily || socket.IsDualMode);
        if (usable is null)
        {
            SendFailed(source, null, "HostNotFound");
            return;
        }

        SendDatagram(socket, response.Span, new IPEndPoint(usable, port), source);
    }

    private void SendDatagram(SipUdpListener socket, ReadOnlySpan<byte> datagram, IPEndPoint destination, SipInboundContext source)
    {
        if (!socket.TrySend(datagram, destination, out var error))
        {
            SendFailed(source, destination, error.ToString());
        }
    }

    private SipUdpListener? FindUdp(SipInboundContext source)
    {
        lock (_lifecycle)
        {
            SipUdpListener? fallback = null;
            foreach (var u in _udp)
            {
                if (string.Equals(u.Name, source.ConnectorName, StringComparison.Ordinal))
                {
                    return u;
                }

                if (u.AddressFamily == source.RemoteEndPoint.AddressFamily || u.IsDualMode)
                {
                    fallback ??= u;
                }
            }

            return fallback;
        }
    }

    private void SendReliable(ReadOnlyMemory<byte> response, SipVia via, SipInboundContext source)
    {
        if (source.Connection is { IsOpen: true } connection)
        {
            if (!connection.TrySend(response))
            {
                // Open but its send queue is full (a peer that does not read): drop rather than buffer.
                SendFailed(source, connection.RemoteEndPoint, connection.IsOpen ? "SendQueueFull" : "ConnectionClosed");
            }

            return;
        }

        if (source.Transport != SipTransportKind.Tcp)
        {
            // RFC 3261 §18.2.2 asks for a new connection to received:rport, for TLS one that verifies the client
            // as a server (§26.3.1). This layer opens no TLS client connections yet: the response is counted and
            // logged once, here, and lost; the client's retransmission over its new connection gets the answer.
            SendFailed(source, null, "ConnectionClosed");
            return;
        }

        var (host, port) = SipResponseRoute.ForNewConnection(via);
        if (SipNetworkAddress.TryParseLiteral(host) is not { } address)
        {
            // received is always an IP literal once stamped; a name here means an unstamped Via.
            address = source.RemoteEndPoint.Address;
        }

        _ = ConnectAndSendAsync(response, new IPEndPoint(address, port), source);
    }

    private async Task ConnectAndSendAsync(ReadOnlyMemory<byte> response, IPEndPoint destination, SipInboundContext source)
    {
        var connection = await _connections.ConnectAsync(destination, source.ConnectorName).ConfigureAwait(false);
        if (connection is null || !connection.TrySend(response))
        {
            SendFailed(source, destination, connection is null ? "ConnectFailed" : "SendQueueFull");
        }
    }

    private void SendFailed(SipInboundContext source, IPEndPoint? destination, string error)
    {
        Interlocked.Increment(ref _counters.SendFailures);
        if (_log.IsEnabled(SipLogLevel.Warning))
        {
            _log.Write(SipLogLevel.Warning, "SendFailed", "Could not send a response.",
                ("Transport", source.Transport), ("Remote", source.RemoteEndPoint), ("Destination", destination), ("Error", error));
        }
    }
}
