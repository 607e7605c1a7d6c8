using System.Management.Automation;
using SipSecurity.Server;
using SipSecurity.Server.Store;
using SipSecurity.Server.Store.Sqlite;

namespace SipSecurity.PowerShell;

/// <summary>
/// What every cmdlet over the config store shares: -ConfigPath, one open store per invocation
/// (kept open across pipeline input), and turning library errors into ErrorRecords.
/// </summary>
public abstract class SipStoreCmdlet : PSCmdlet, IDisposable
{
    private SqliteConfigStore? _store;

    /// <summary>The store's folder (or .db file). Default: $env:SIPSECURITY_HOME, else the per-user config folder.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ConfigPath { get; set; }

    /// <summary>The full path of the store file that -ConfigPath (or its defaults) names.</summary>
    protected string StorePath =>
        ConfigStoreLocation.Resolve(ConfigPath is null ? null : GetUnresolvedProviderPathFromPSPath(ConfigPath));

    /// <summary>The store, opened on first use; a failure to open stops the command.</summary>
    protected IConfigStore Store
    {
        get
        {
            if (_store is null)
            {
                var path = StorePath;
                try
                {
                    _store = SqliteConfigStore.Open(path);
                }
                catch (SipSecurityException exception)
                {
                    ThrowTerminatingError(ErrorRecords.From(exception));
                }

                WriteVerbose($"Config store: {path}");
            }

            return _store!;
        }
    }

    /// <summary>Runs one item's work; an expected failure becomes a non-terminating error for that item.</summary>
    protected void Try(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            action();
        }
        catch (SipSecurityException exception)
        {
            WriteError(ErrorRecords.From(exception));
        }
    }

    /// <summary>Runs work whose failure ends the whole command.</summary>
    protected T Terminating<T>(Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            return action();
        }
        catch (SipSecurityException exception)
        {
            ThrowTerminatingError(ErrorRecords.From(exception));
            throw; // unreachable: ThrowTerminatingError always throws.
        }
    }

    protected override void EndProcessing() => CloseStore();

    public void Dispose()
    {
        CloseStore();
        GC.SuppressFinalize(this);
    }

    private void CloseStore()
    {
        _store?.Dispose();
        _store = null;
    }
}
