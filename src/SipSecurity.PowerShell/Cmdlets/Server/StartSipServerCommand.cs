using System.Collections.Concurrent;
using System.Management.Automation;
using System.Runtime.InteropServices;
using SipSecurity.Server;
using SipSecurity.Server.Hosting;

namespace SipSecurity.PowerShell;

/// <summary>
/// Start-SipServer: runs the server in this process on the store's configuration. With -Wait it runs
/// in the foreground until Ctrl+C or SIGTERM and then stops gracefully (how a service manager runs it).
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "SipServer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(SipServer))]
public sealed class StartSipServerCommand : SipStoreCmdlet
{
    private readonly ManualResetEventSlim _stopRequested = new();

    /// <summary>Names the server in this session (Get-SipServer, Stop-SipServer).</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "default";

    /// <summary>The log file; default sipsecurity.log beside the store.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? LogPath { get; set; }

    [Parameter]
    public SipLogLevel LogLevel { get; set; } = SipLogLevel.Information;

    /// <summary>Run in the foreground until Ctrl+C or SIGTERM, then stop gracefully.</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    /// <summary>With -Wait: how long a graceful stop waits for pending transactions.</summary>
    [Parameter]
    [ValidateRange(0, 300)]
    public int StopTimeoutSeconds { get; set; } = 5;

    protected override void ProcessRecord()
    {
        SipServerRegistry.RemoveStopped();
        if (SipServerRegistry.IsRunning(Name))
        {
            ThrowTerminatingError(ErrorRecords.Create("ServerAlreadyRunning", ErrorCategory.ResourceExists,
                $"A server named '{Name}' is already running in this session. Stop it with Stop-SipServer, or give another -Name.", Name));
        }

        var storePath = StorePath;
        if (!ShouldProcess(storePath, $"Start SIP server '{Name}'"))
        {
            return;
        }

        var options = new SipServerOptions
        {
            StorePath = storePath,
            Name = Name,
            LogPath = LogPath is null ? null : GetUnresolvedProviderPathFromPSPath(LogPath),
            LogLevel = LogLevel,
        };
        // Registered before the server starts, so that a SIGTERM arriving at any moment stops it gracefully.
        using var sigterm = Wait ? PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            // Stop gracefully ourselves instead of letting the runtime terminate the process.
            context.Cancel = true;
            _stopRequested.Set();
        }) : null;
        var server = Terminating(() => SipServer.Start(options));
        SipServerRegistry.TryAdd(server);
        WriteVerbose($"Server '{Name}' listening on {string.Join(", ", server.Endpoints)}; log: {server.LogPath}");
        WriteObject(server);
        if (Wait)
        {
            RunInForeground(server);
        }
    }

    protected override void StopProcessing() => _stopRequested.Set();

    private void RunInForeground(SipServer server)
    {
        var lines = new ConcurrentQueue<string>();
        using var subscription = server.ListenToLog(line =>
        {
            if (lines.Count < 10_000)
            {
                lines.Enqueue(line);
            }
        });
        try
        {
            while (!_stopRequested.Wait(TimeSpan.FromMilliseconds(200)) && !server.Completion.IsCompleted)
            {
                while (lines.TryDequeue(out var line))
                {
                    WriteVerbose(line);
                }
            }
        }
        finally
        {
            server.StopAsync(TimeSpan.FromSeconds(StopTimeoutSeconds)).GetAwaiter().GetResult();
            SipServerRegistry.Remove(server);
        }
    }

    protected override void EndProcessing()
    {
        _stopRequested.Dispose();
        base.EndProcessing();
    }
}
