using SipSecurity.Server.Configuration;
using SipSecurity.Server.Hosting.Tls;
using SipSecurity.Server.Registrar;
using SipSecurity.Server.Security.Auth;
using SipSecurity.Server.Store.Sqlite;
using SipSecurity.Server.Transactions;
using SipSecurity.Server.Transport;

namespace SipSecurity.Server.Hosting;

/// <summary>
/// A running SipSecurity server: transports, transactions, security engine and registrar over one
/// config store, which it watches for changes. <see cref="Start"/> either returns a running server or
/// throws with nothing left running.
/// </summary>
public sealed class SipServer : IAsyncDisposable
{
    private readonly LockedConfigStore _store;
    private readonly FileSipServerLog _log;
    private readonly SipServerCounters _counters;
    private readonly SipLocationService _locations;
    private readonly StoreUserDirectory _users;
    private readonly SipSecurityEngine _security;
    private readonly SipTransactionLayer _transactions;
    private readonly SipTransportLayer _transport;
    private readonly SipServerOptions _options;
    private readonly SipTlsLoader _tlsLoader;
    private readonly SipTlsContextHolder? _tls;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _stopLock = new();
    private SipServerSnapshot _snapshot;
    private Task _maintenance = Task.CompletedTask;
    private Task? _stopTask;
    private int _state = (int)SipServerState.Starting;

    private SipServer(SipServerOptions options, TimeProvider time, LockedConfigStore store, FileSipServerLog log, SipServerSnapshot snapshot,
        SipTlsLoader tlsLoader, SipTlsServerContext? tls)
    {
        _tlsLoader = tlsLoader;
        _tls = tls is null ? null : new SipTlsContextHolder(tls);
        _options = options;
        _time = time;
        _store = store;
        _log = log;
        _snapshot = snapshot;
        _counters = new SipServerCounters();
        _locations = new SipLocationService();
        _users = new StoreUserDirectory(store);
        _security = new SipSecurityEngine(_users, log, _counters, time);
        var registrar = new SipRegistrar(_locations, time);
        var core = new SipServerCore(() => Volatile.Read(ref _snapshot), _security, registrar, _locations, _users, log, _counters, time);
        var relay = new SinkRelay();
        _transport = new SipTransportLayer(relay, snapshot.Settings, log, _counters, _tls);
        _transactions = new SipTransactionLayer(_transport, core, log, _counters, time: time);
        relay.Target = _transactions;
    }

    public string Name => _options.Name;

    public SipServerState State => (SipServerState)Volatile.Read(ref _state);

    public DateTimeOffset StartTime { get; private set; }

    public IReadOnlyList<SipServerEndpoint> Endpoints { get; private set; } = [];

    public string StorePath => _store.Location;

    public string LogPath => _log.Path;

    /// <summary>The store revision the server runs on now.</summary>
    public long ConfigRevision => Volatile.Read(ref _snapshot).Revision;

    public SipServerStatistics Statistics => _counters.Snapshot() with
    {
        ActiveBindings = _locations.Count,
        BlockedSources = _security.BlockedCount,
    };

    /// <summary>Completes when the server has stopped.</summary>
    public Task Completion => _stopped.Task;

    /// <summary>The log, for hosts that show its lines (PowerShell's verbose stream).</summary>
    public IDisposable ListenToLog(Action<string> onLine) => _log.Listen(onLine);

    public static SipServer Start(SipServerOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        time ??= TimeProvider.System;
        var store = new LockedConfigStore(SqliteConfigStore.Open(options.StorePath));
        FileSipServerLog? log = null;
        SipServer? server = null;
        try
        {
            log = new FileSipServerLog(options.LogPath ?? Path.Combine(Path.GetDirectoryName(store.Location)!, "sipsecurity.log"), options.LogLevel, time);
            var snapshot = SipServerSnapshot.Load(store);
            if (snapshot.Connectors.Count == 0)
            {
                throw new SipSecurityException("NoConnectors", SipErrorKind.InvalidOperation,
                    "The store has no connectors, so the server would listen nowhere. Add one with Add-SipConnector.", store.Location);
            }

            // A TLS connector needs a usable key entry: found out now, before anything listens.
            var tlsLoader = new SipTlsLoader(store, time);
            var tls = snapshot.Connectors.Any(c => c.Transport == SipTransportKind.Tls) ? tlsLoader.Load() : null;
            server = new SipServer(options, time, store, log, snapshot, tlsLoader, tls);
            server.Run();
            return server;
        }
        catch
        {
            if (server is not null)
            {
                server.DisposeAfterFailedStart();
            }
            else
            {
                log?.DisposeAsync().AsTask().GetAwaiter().GetResult();
                store.Dispose();
            }

            throw;
        }
    }

    /// <summary>
    /// Graceful stop: stop accepting, let pending transactions finish (up to <paramref name="timeout"/>),
    /// persist the bindings, close connections. Safe to call more than once.
    /// </summary>
    public Task StopAsync(TimeSpan? timeout = null)
    {
        lock (_stopLock)
        {
            return _stopTask ??= StopCoreAsync(timeout ?? TimeSpan.FromSeconds(5));
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    public override string ToString() => $"{Name} ({State})";

    private void Run()
    {
        var now = _time.GetUtcNow();
        _locations.Load(_store.LoadBindings(now), now);
        _transport.Start(_snapshot.Connectors);
        Endpoints = _transport.Endpoints.Select(e => new SipServerEndpoint(e.ConnectorName, e.Transport, e.EndPoint)).ToArray();
        StartTime = _time.GetUtcNow();
        Volatile.Write(ref _state, (int)SipServerState.Running);
        _log.Write(SipLogLevel.Information, "ServerStarted", "server started",
            ("name", Name), ("endpoints", string.Join(", ", Endpoints)), ("store", StorePath), ("bindings", _locations.Count));
        _maintenance = Task.Run(() => MaintainAsync(_stopping.Token));
    }

    private void DisposeAfterFailedStart()
    {
        _transport.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _transactions.Dispose();
        _log.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _store.Dispose();
        Volatile.Write(ref _state, (int)SipServerState.Stopped);
        _stopped.TrySetResult();
    }

    /// <summary>Watches the store for changes, writes bindings to it and expires them, on one background task.</summary>
    private async Task MaintainAsync(CancellationToken stopping)
    {
        var nextFlush = _time.GetUtcNow() + _options.BindingFlushInterval;
        using var timer = new PeriodicTimer(_options.ConfigPollInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                try
                {
                    // Store changes first: an operator's removal must be seen before our pending writes go out.
                    ReloadIfChanged();
                    RotateTlsIfChanged(configChanged: false);
                    var now = _time.GetUtcNow();
                    if (now >= nextFlush)
                    {
                        _locations.Sweep(now);
                        FlushBindings();
                        nextFlush = now + _options.BindingFlushInterval;
                    }
                }
                catch (Exception exception) when (exception is SipSecurityException or IOException or InvalidOperationException)
                {
                    // A locked or briefly unavailable store must not stop the server: retry on the next tick.
                    _log.Write(SipLogLevel.Warning, "StoreUnavailable", "store access failed: " + exception.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void ReloadIfChanged()
    {
        var current = Volatile.Read(ref _snapshot);
        if (_store.ReadRevision() == current.Revision)
        {
            return;
        }

        var next = SipServerSnapshot.Load(_store);
        _users.Invalidate();
        _transport.UpdateSettings(next.Settings);
        Volatile.Write(ref _snapshot, next);
        // Before writing pending changes: a pending refresh must not put back a binding an operator removed.
        var stored = _store.Read(reader => reader.GetRegistrations()).Select(r => new SipRegistrationKey(r.Aor, r.Contact)).ToHashSet();
        var removed = _locations.Reconcile(stored);
        FlushBindings();
        _log.Write(SipLogLevel.Information, "ConfigReloaded", "configuration reloaded", ("revision", next.Revision), ("bindingsRemoved", removed));
        RotateTlsIfChanged(configChanged: true);
        if (!next.Connectors.SequenceEqual(current.Connectors))
        {
            _log.Write(SipLogLevel.Warning, "ConnectorsChanged", "connectors changed in the store: restart the server to listen on them");
        }
    }

    /// <summary>
    /// Certificate rotation without restart: a changed TLS configuration or keystore file gives new handshakes the new
    /// certificate and truststore; established connections keep theirs. A broken new configuration keeps the old one.
    /// </summary>
    private void RotateTlsIfChanged(bool configChanged)
    {
        if (_tls is null)
        {
            return;
        }

        if (!configChanged && !_tlsLoader.FilesChanged())
        {
            return;
        }

        try
        {
            var next = _tlsLoader.Load();
            var previous = _tls.Current.ServerCertificate;
            _tls.Replace(next);
            if (!string.Equals(previous.Thumbprint, next.ServerCertificate.Thumbprint, StringComparison.Ordinal) || configChanged)
            {
                _log.Write(SipLogLevel.Information, "TlsReloaded", "TLS certificate and settings reloaded",
                    ("subject", next.ServerCertificate.Subject), ("notAfter", next.ServerCertificate.NotAfter.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
                    ("clientAuthentication", next.Configuration.ClientAuthentication));
            }
        }
        catch (SipSecurityException exception)
        {
            _log.Write(SipLogLevel.Error, "TlsReloadFailed", "the new TLS configuration cannot be used, the previous one stays: " + exception.Message, ("error", exception.ErrorId));
        }
    }

    private void FlushBindings()
    {
        var changes = _locations.DrainChanges();
        if (changes.Count == 0)
        {
            return;
        }

        var upserts = changes.Where(c => c.Value is not null).Select(c => c.Value!).ToArray();
        var removals = changes.Where(c => c.Value is null).Select(c => c.Key).ToArray();
        if (_store.SaveBindings(upserts, removals, Volatile.Read(ref _snapshot).Revision))
        {
            _locations.MarkPersisted(changes);
        }
        else
        {
            // The store changed since our snapshot (maybe an operator removed a binding): reconcile first, next tick.
            _locations.Requeue(changes);
        }
    }

    private async Task StopCoreAsync(TimeSpan timeout)
    {
        if (State is SipServerState.Stopped)
        {
            return;
        }

        Volatile.Write(ref _state, (int)SipServerState.Stopping);
        _log.Write(SipLogLevel.Information, "ServerStopping", "server stopping", ("name", Name));
        await _transport.StopAcceptingAsync().ConfigureAwait(false);
        var drained = await _transactions.DrainAsync(timeout).ConfigureAwait(false);
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _maintenance.ConfigureAwait(false);
        try
        {
            ReloadIfChanged();
            FlushBindings();
        }
        catch (SipSecurityException exception)
        {
            _log.Write(SipLogLevel.Error, "BindingsNotSaved", "bindings could not be saved: " + exception.Message);
        }

        await _transport.DisposeAsync().ConfigureAwait(false);
        _transactions.Dispose();
        _log.Write(SipLogLevel.Information, "ServerStopped", "server stopped", ("name", Name), ("drained", drained), ("bindings", _locations.Count));
        await _log.DisposeAsync().ConfigureAwait(false);
        _store.Dispose();
        _stopping.Dispose();
        Volatile.Write(ref _state, (int)SipServerState.Stopped);
        _stopped.TrySetResult();
    }
}
