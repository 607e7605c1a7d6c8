using System.Threading.Channels;

namespace SipSecurity.Server.Hosting;

/// <summary>
/// The server's log: one line per event appended to a file (created owner-only) by a background
/// writer, so that a slow disk never stalls a receive loop. When the queue is full, lines are
/// dropped and counted rather than blocking the caller.
/// </summary>
public sealed class FileSipServerLog : ISipServerLog, IAsyncDisposable
{
    private const int QueueCapacity = 65_536;
    private readonly Channel<string> _lines = Channel.CreateBounded<string>(new BoundedChannelOptions(QueueCapacity)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private readonly TimeProvider _time;
    private readonly Task _writer;
    private readonly Lock _listenersLock = new();
    private Action<string>[] _listeners = [];
    private long _dropped;

    public FileSipServerLog(string path, SipLogLevel minimumLevel = SipLogLevel.Information, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        MinimumLevel = minimumLevel;
        _time = time ?? TimeProvider.System;
        var stream = OpenOwnerOnly(Path);
        _writer = Task.Run(() => WriteLinesAsync(stream));
    }

    public string Path { get; }

    public SipLogLevel MinimumLevel { get; set; }

    /// <summary>Lines lost because the writer fell behind.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public bool IsEnabled(SipLogLevel level) => level >= MinimumLevel;

    public void Write(SipLogLevel level, string eventId, string message, params ReadOnlySpan<(string Key, object? Value)> fields)
    {
        if (!IsEnabled(level))
        {
            return;
        }

        var line = SipLogLine.Format(_time.GetUtcNow(), level, eventId, message, fields);
        if (!_lines.Writer.TryWrite(line))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>Calls <paramref name="onLine"/> (on the writer thread) with every line written until disposed.</summary>
    public IDisposable Listen(Action<string> onLine)
    {
        ArgumentNullException.ThrowIfNull(onLine);
        lock (_listenersLock)
        {
            _listeners = [.. _listeners, onLine];
        }

        return new Subscription(this, onLine);
    }

    public async ValueTask DisposeAsync()
    {
        _lines.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private async Task WriteLinesAsync(FileStream stream)
    {
        await using var writer = new StreamWriter(stream) { AutoFlush = false };
        var reader = _lines.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var line))
            {
                await writer.WriteLineAsync(line).ConfigureAwait(false);
                foreach (var listener in Volatile.Read(ref _listeners))
                {
                    try
                    {
                        listener(line);
                    }
                    catch (Exception exception) when (exception is not OutOfMemoryException)
                    {
                        // A failing listener (a closed PowerShell host) must not stop the file log.
                    }
                }
            }

            await writer.FlushAsync().ConfigureAwait(false);
        }
    }

    private static FileStream OpenOwnerOnly(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.ReadWrite };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, options);
    }

    private sealed class Subscription(FileSipServerLog log, Action<string> listener) : IDisposable
    {
        public void Dispose()
        {
            lock (log._listenersLock)
            {
                log._listeners = log._listeners.Where(l => l != listener).ToArray();
            }
        }
    }
}
