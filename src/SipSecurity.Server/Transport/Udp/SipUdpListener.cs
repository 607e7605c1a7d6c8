using System.Buffers;
using System.Net;
using System.Net.Sockets;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Hosting;
using SipSecurity.Sip.Parsing;

namespace SipSecurity.Server.Transport.Udp;

/// <summary>
/// One UDP socket with several receive loops. Each loop parses, validates and hands over inline, with no queue
/// between the socket and the sink: past capacity the kernel's receive buffer overflows and drops, which is the
/// load shedding DESIGN.md asks for (no queueing until retransmissions collapse throughput).
/// </summary>
internal sealed class SipUdpListener : IAsyncDisposable
{
    /// <summary>Larger than any UDP payload (65,507 bytes), so no datagram is ever silently truncated.</summary>
    private const int ReceiveBufferSize = 65_536;

    private const int SocketBufferSize = 4 * 1024 * 1024;
    private static readonly TimeSpan StopPollInterval = TimeSpan.FromMilliseconds(250);

    private readonly Socket _socket;
    private readonly SipInboundProcessor _processor;
    private readonly Action<ReadOnlyMemory<byte>, SipSecurity.Sip.Headers.SipVia, SipInboundContext> _reply;
    private readonly CancellationTokenSource _stop = new();
    private readonly IPEndPoint _addressTemplate;
    private Task[] _loops = [];

    private SipUdpListener(Socket socket, string name, SipInboundProcessor processor, Action<ReadOnlyMemory<byte>, SipSecurity.Sip.Headers.SipVia, SipInboundContext> reply)
    {
        _socket = socket;
        _processor = processor;
        _reply = reply;
        Name = name;
        LocalEndPoint = SipNetworkAddress.Normalize((IPEndPoint)socket.LocalEndPoint!);
        _addressTemplate = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
    }

    public string Name { get; }

    public IPEndPoint LocalEndPoint { get; }

    public AddressFamily AddressFamily => _socket.AddressFamily;

    public bool IsDualMode => _socket.AddressFamily == AddressFamily.InterNetworkV6 && _socket.DualMode;

    /// <summary>Binds the socket (throws <see cref="SocketException"/>); receiving starts with <see cref="Start"/>.</summary>
    public static SipUdpListener Bind(SipConnector connector, IPAddress address, SipInboundProcessor processor, Action<ReadOnlyMemory<byte>, SipSecurity.Sip.Headers.SipVia, SipInboundContext> reply)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (address.Equals(IPAddress.IPv6Any))
            {
                // "::" listens on IPv4 too where the OS allows dual-stack sockets.
                TrySet(() => socket.DualMode = true);
            }

            // Load tests run 20,000 messages/s: a large kernel buffer absorbs bursts (the OS may cap it, e.g. net.core.rmem_max).
            TrySet(() => socket.ReceiveBufferSize = SocketBufferSize);
            TrySet(() => socket.SendBufferSize = SocketBufferSize);
            if (OperatingSystem.IsWindows())
            {
                // SIO_UDP_CONNRESET off: an ICMP port-unreachable for an earlier send must not fail the next receive.
                TrySet(() => socket.IOControl(unchecked((int)0x9800000C), [0, 0, 0, 0], null));
            }

            socket.Bind(new IPEndPoint(address, connector.Port));
            return new SipUdpListener(socket, connector.Name, processor, reply);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Start(int loops)
    {
        // Dedicated threads blocking in recvfrom, as Kamailio's UDP workers do: under load the async path's
        // hand-offs between the epoll thread and pool workers cost more context switches than the SIP work itself.
        // A short receive timeout lets a loop notice StopReceivingAsync without closing the socket.
        _socket.ReceiveTimeout = (int)StopPollInterval.TotalMilliseconds;
        var tasks = new Task[loops];
        for (var i = 0; i < loops; i++)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var thread = new Thread(() =>
            {
                try
                {
                    ReceiveLoop();
                }
                finally
                {
                    done.TrySetResult();
                }
            })
            {
                IsBackground = true,
                Name = $"SIP UDP {Name} #{i + 1}",
            };
            thread.Start();
            tasks[i] = done.Task;
        }

        _loops = tasks;
        if (_processor.Log.IsEnabled(SipLogLevel.Information))
        {
            _processor.Log.Write(SipLogLevel.Information, "ListenerStarted", "UDP listener started.",
                ("Connector", Name), ("EndPoint", LocalEndPoint), ("Loops", loops),
                ("ReceiveBufferSize", _socket.ReceiveBufferSize), ("SendBufferSize", _socket.SendBufferSize));
        }
    }

    /// <summary>Sends one datagram; false (logged by the caller) when the OS refuses it.</summary>
    public bool TrySend(ReadOnlySpan<byte> datagram, IPEndPoint destination, out SocketError error)
    {
        error = SocketError.Success;
        if (destination.AddressFamily == AddressFamily.InterNetworkV6 && _socket.AddressFamily == AddressFamily.InterNetwork)
        {
            error = SocketError.AddressFamilyNotSupported;
            return false;
        }

        try
        {
            _socket.SendTo(datagram, SocketFlags.None, destination);
            return true;
        }
        catch (SocketException e)
        {
            error = e.SocketErrorCode;
            return false;
        }
        catch (ObjectDisposedException)
        {
            error = SocketError.Shutdown;
            return false;
        }
    }

    /// <summary>Stops the receive loops; the socket stays open so that responses can still be sent from it.</summary>
    public async Task StopReceivingAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }

        await Task.WhenAll(_loops).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopReceivingAsync().ConfigureAwait(false);
        _socket.Dispose();
        _stop.Dispose();
    }

    private static void TrySet(Action action)
    {
        try
        {
            action();
        }
        catch (SocketException)
        {
            // Best effort: the OS keeps its default.
        }
        catch (PlatformNotSupportedException)
        {
            // Best effort: the OS keeps its default.
        }
    }

    private void ReceiveLoop()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ReceiveBufferSize);
        var address = new SocketAddress(_socket.AddressFamily);
        var token = _stop.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                int length;
                try
                {
                    length = _socket.ReceiveFrom(buffer, SocketFlags.None, address);
                }
                catch (SocketException e) when (e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
                {
                    continue;
                }
                catch (ObjectDisposedException)
                {
                    break;
                }
                catch (SocketException e) when (e.SocketErrorCode is SocketError.OperationAborted or SocketError.Interrupted)
                {
                    break;
                }
                catch (SocketException e)
                {
                    // ConnectionReset (an ICMP error for an earlier send) and the like: the socket is still usable.
                    LogError(e);
                    continue;
                }

                try
                {
                    OnDatagram(buffer.AsSpan(0, length), (IPEndPoint)_addressTemplate.Create(address));
                }
                catch (Exception e)
                {
                    // Never let one datagram end a receive loop.
                    LogError(e);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void OnDatagram(ReadOnlySpan<byte> datagram, IPEndPoint remote)
    {
        var source = new SipInboundContext
        {
            Transport = SipTransportKind.Udp,
            ConnectorName = Name,
            LocalEndPoint = LocalEndPoint,
            RemoteEndPoint = SipNetworkAddress.Normalize(remote),
        };

        SipParseResult result;
        try
        {
            // The span overload copies the message into an exact-size array that it owns: the sink may keep it,
            // and this loop reuses its buffer for the next datagram.
            result = SipParser.Parse(datagram, SipParseMode.Datagram, _processor.Limits.ParserOptions);
        }
        catch (SipParseException e)
        {
            _processor.OnMalformed(source, e);
            Reject(datagram, e, source);
            return;
        }

        // A datagram of CRLFs only is a keep-alive (RFC 5626 §4.4.2 uses STUN on UDP): nothing to do.
        if (result.Status == SipParseStatus.Complete && !_processor.Deliver(result.Message!, source, out var error))
        {
            Reject(result.Message!.RawBytes.Span, error!, source);
        }
    }

    private void Reject(ReadOnlySpan<byte> input, SipParseException error, SipInboundContext source)
    {
        // RFC 3261 §18.2.2: the stateless answer goes back the way a response would.
        if (SipInboundProcessor.TryBuildError(input, error, source, out var response, out var via) && via is not null)
        {
            _reply(response, via, source);
        }
    }

    private void LogError(Exception e)
    {
        if (_processor.Log.IsEnabled(SipLogLevel.Warning))
        {
            _processor.Log.Write(SipLogLevel.Warning, "TransportError", "UDP receive failed.",
                ("Connector", Name), ("EndPoint", LocalEndPoint), ("Error", e.GetType().Name), ("Detail", e.Message));
        }
    }
}
