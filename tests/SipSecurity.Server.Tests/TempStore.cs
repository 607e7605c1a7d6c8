using SipSecurity.Server.Store.Sqlite;

namespace SipSecurity.Server.Tests;

/// <summary>A store in a fresh temporary folder, deleted afterwards.</summary>
internal sealed class TempStore : IDisposable
{
    public TempStore()
    {
        Folder = Path.Combine(Path.GetTempPath(), "sipsec-test-" + Guid.NewGuid().ToString("N"));
        Path_ = System.IO.Path.Combine(Folder, "sipsecurity.db");
        Store = SqliteConfigStore.Open(Path_);
    }

    public string Folder { get; }

    public string Path_ { get; }

    public SqliteConfigStore Store { get; private set; }

    public SqliteConfigStore Reopen()
    {
        Store.Dispose();
        Store = SqliteConfigStore.Open(Path_);
        return Store;
    }

    public void Dispose()
    {
        Store.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
