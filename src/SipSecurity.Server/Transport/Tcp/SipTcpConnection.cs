using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Hosting;
using SipSecurity.Sip.Parsing;

namespace SipSecurity.Server.Transport.Tcp;

/// <summary>
/// One TCP connection, plain or with TLS on it (its <see cref="ISipStreamChannel"/>): a receive loop that frames
/// messages with a <see cref="Pipe"/> (RFC 3261 §18.3, Content-Length), and a bounded send queue whose single drainer
/// writes whole messages, so concurrent senders never interleave bytes. An idle connection holds no receive buffer:
/// it waits with a zero-byte read and the pipe returns its segments once everything buffered has been consumed.
/// </summary>
internal sealed class SipTcpConnection : ISipConnection
{
    private const int MinimumReadSize = 2_048;

    private static readonly ReadOnlyMemory<byte> s_pong = "\r\n"u8.ToArray();

    private static long s_nextId;

    private readonly ISipStreamChannel _channel;
    private readonly SipTcpConnectionTable _table;
    private readonly SipInboundProcessor _processor;
    private readonly Pipe _pipe;
    private readonly object _sendLock = new();
    private Queue<ReadOnlyMemory<byte>>? _sendQueue;
    private int _queuedBytes;
    private bool _sending;
    private bool _closeWhenSent;
    private int _closed;
    private long _lastReceived;

    public SipTcpConnection(Socket socket, ISipStreamChannel channel, string connectorName, SipTcpConnectionTable table, SipInboundProcessor processor)
    {
        _channel = channel;
        _table = table;
        _processor = processor;
        Id = Interlocked.Increment(ref s_nextId);
        RemoteEndPoint = SipNetworkAddress.Normalize((IPEndPoint)socket.RemoteEndPoint!);
        LocalEndPoint = SipNetworkAddress.Normalize((IPEndPoint)socket.LocalEndPoint!);
        _lastReceived = Environment.TickCount64;

        // No back-pressure threshold: one loop writes and reads, and the parser bounds what stays buffered
        // (MaxMessageSize). Small segments keep a slow sender from pinning large buffers.
        _pipe = new Pipe(new PipeOptions(
            pool: MemoryPool<byte>.Shared,
            readerScheduler: PipeScheduler.Inline,
            writerScheduler: PipeScheduler.Inline,
            pauseWriterThreshold: 0,
            resumeWriterThreshold: 0,
            minimumSegmentSize: MinimumReadSize,
            useSynchronizationContext: false));
        Context = new SipInboundContext
        {
            Transport = channel.Transport,
            ConnectorName = connectorName,
            LocalEndPoint = LocalEndPoint,
            RemoteEndPoint = RemoteEndPoint,
            Connection = this,
        };
    }

    public long Id { get; }

    public bool IsOpen => Volatile.Read(ref _closed) == 0;

    public IPEndPoint RemoteEndPoint { get; }

    public IPEndPoint LocalEndPoint { get; }

    public SipTransportKind Transport => _channel.Transport;

    /// <summary>The verified TLS client certificate; null for TCP, and when none was sent or it did not verify.</summary>
    public X509Certificate2? PeerCertificate => _channel.PeerCertificate;

    public SipInboundContext Context { get; }

    /// <summary>When bytes last arrived (<see cref="Environment.TickCount64"/>), for the idle sweep.</summary>
    public long LastReceived => Volatile.Read(ref _lastReceived);

    /// <summary>
    /// Queues one whole message. The memory is not copied: it must stay unchanged until sent (a serialized message
    /// that its owner keeps for retransmission is). False when closed, closing, or the queue is full.
    /// </summary>
    public bool TrySend(ReadOnlyMemory<byte> message)
    {
        lock (_sendLock)
        {
            if (_closed != 0 || _closeWhenSent)
            {
                return false;
            }

            // Bounded: a peer that does not read cannot make us buffer without end. One message always fits.
            if (_queuedBytes > 0 && _queuedBytes + message.Length > _processor.Limits.SendQueueBytes)
            {
                return false;
            }

            (_sendQueue ??= new Queue<ReadOnlyMemory<byte>>()).Enqueue(message);
            _queuedBytes += message.Length;
            if (_sending)
            {
                return true;
            }

            _sending = true;
        }

        _ = DrainAsync();
        return true;
    }

    /// <summary>
    /// Opens the channel (the TLS handshake), then runs the receive loop until the peer closes, the connection is
    /// aborted or framing is lost.
    /// </summary>
    public async Task RunAsync()
    {
        var reader = _pipe.Reader;
        var writer = _pipe.Writer;
        try
        {
            if (!await _channel.OpenAsync().ConfigureAwait(false))
            {
                Abort();
                return;
            }

            while (IsOpen)
            {
                // Wait for data without holding a buffer: idle connections cost no receive memory.
                await _channel.WaitForDataAsync().ConfigureAwait(false);
                var memory = writer.GetMemory(MinimumReadSize);
                var received = await _channel.ReadAsync(memory).ConfigureAwait(false);
                if (received == 0)
                {
                    // The peer closed its side: send what is queued, then close.
                    CloseWhenSent();
                    break;
                }

                writer.Advance(received);
                Volatile.Write(ref _lastReceived, Environment.TickCount64);
                await writer.FlushAsync().ConfigureAwait(false);
                if (!reader.TryRead(out var result))
                {
                    continue;
                }

                var buffer = result.Buffer;
                var keepReading = ProcessBuffer(ref buffer);
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (!keepReading)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The peer reset or closed mid-record, or we aborted: nothing to report.
            Abort();
        }
        catch (Exception e)
        {
            LogError(Transport == SipTransportKind.Tls ? "TLS receive failed." : "TCP receive failed.", e);
            Abort();
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
            await writer.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Closes at once: queued messages are discarded.</summary>
    public void Abort()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        lock (_sendLock)
        {
            _sendQueue = null;
            _queuedBytes = 0;
        }

        _channel.Dispose();
        _table.Remove(this);
    }

    /// <summary>Accepts no more messages, and closes once the queued ones are sent.</summary>
    public void CloseWhenSent()
    {
        bool idle;
        lock (_sendLock)
        {
            _closeWhenSent = true;
            idle = !_sending;
        }

        if (idle)
        {
            Abort();
        }
    }

    /// <summary>Parses every whole message in <paramref name="buffer"/>; false when the connection must stop reading.</summary>
    private bool ProcessBuffer(ref ReadOnlySequence<byte> buffer)
    {
        var options = _processor.Limits.ParserOptions;
        while (!buffer.IsEmpty)
        {
            SipParseResult result;
            try
            {
                result = SipParser.Parse(buffer, SipParseMode.Stream, options);
            }
            catch (SipParseException e)
            {
                // Framing is lost: answer if the start of the message allows it, then close (RFC 3261 §18.3).
                _processor.OnMalformed(Context, e);
                var length = (int)Math.Min(buffer.Length, options.MaxMessageSize + 4L);
                var input = buffer.Slice(0, length).ToArray();
                if (SipInboundProcessor.TryBuildError(input, e, Context, out var response, out _))
                {
                    TrySend(response);
                }

                buffer = buffer.Slice(buffer.End);
                CloseWhenSent();
                return false;
            }

            switch (result.Status)
            {
                case SipParseStatus.Incomplete:
                    return true;
                case SipParseStatus.KeepAlive:
                    // RFC 5626 §4.4.1: answer a CRLFCRLF ping with a CRLF pong.
                    TrySend(s_pong);
                    break;
                default:
                    var message = result.Message!;
                    if (!_processor.Deliver(message, Context, out var error) && message.IsRequest
                        && SipInboundProcessor.TryBuildError(message.RawBytes.Span, error!, Context, out var answer, out _))
                    {
                        // Framed but invalid: answer 400 and go on, the next message starts where this one ended.
                        TrySend(answer);
                    }

                    break;
            }

            buffer = buffer.Slice(result.Consumed);
        }

        return true;
    }

    private async Task DrainAsync()
    {
        try
        {
            while (true)
            {
                ReadOnlyMemory<byte> next;
                lock (_sendLock)
                {
                    if (_sendQueue is not { Count: > 0 } queue)
                    {
                        _sending = false;
                        if (!_closeWhenSent)
                        {
                            return;
                        }

                        break;
                    }

                    next = queue.Dequeue();
                    _queuedBytes -= next.Length;
                }

                await _channel.WriteAsync(next).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
        {
            Interlocked.Increment(ref _processor.Counters.SendFailures);
        }
        catch (Exception e)
        {
            Interlocked.Increment(ref _processor.Counters.SendFailures);
            LogError(Transport == SipTransportKind.Tls ? "TLS send failed." : "TCP send failed.", e);
        }

        Abort();
    }

    private void LogError(string message, Exception e)
    {
        if (_processor.Log.IsEnabled(SipLogLevel.Warning))
        {
            _processor.Log.Write(SipLogLevel.Warning, "TransportError", message,
                ("Transport", Transport), ("Remote", RemoteEndPoint), ("Connection", Id), ("Error", e.GetType().Name), ("Detail", e.Message));
        }
    }
}
