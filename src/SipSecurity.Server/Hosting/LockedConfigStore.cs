using SipSecurity.Server.Registrar;
using SipSecurity.Server.Store;

namespace SipSecurity.Server.Hosting;

/// <summary>
/// The server's own store connection, shared by its threads. The SQLite connection is not
/// thread-safe, and store access is rare on the hot path (user cache misses), so one lock suffices.
/// </summary>
internal sealed class LockedConfigStore(IConfigStore inner) : IDisposable
{
    private readonly Lock _lock = new();

    public string Location => inner.Location;

    public long ReadRevision()
    {
        lock (_lock)
        {
            return inner.ReadRevision();
        }
    }

    public T Read<T>(Func<IConfigReader, T> read)
    {
        lock (_lock)
        {
            return inner.Read(read);
        }
    }

    public bool SaveBindings(IReadOnlyList<SipRegistration> upserts, IReadOnlyList<SipRegistrationKey> removals, long expectedRevision)
    {
        lock (_lock)
        {
            return inner.SaveBindings(upserts, removals, expectedRevision);
        }
    }

    public IReadOnlyList<SipRegistration> LoadBindings(DateTimeOffset now)
    {
        lock (_lock)
        {
            return inner.LoadBindings(now);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            inner.Dispose();
        }
    }
}
