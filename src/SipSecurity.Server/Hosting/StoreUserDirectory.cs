using System.Collections.Concurrent;
using SipSecurity.Server.Security.Auth;
using SipSecurity.Server.Store;

namespace SipSecurity.Server.Hosting;

/// <summary>
/// Users as the security engine sees them: read from the store on first use and cached (misses too,
/// so that guessing names costs no store read twice) until the store changes.
/// </summary>
internal sealed class StoreUserDirectory(LockedConfigStore store) : ISipUserDirectory
{
    // Bounds the cache when clients try many names that do not exist.
    private const int MaxEntries = 200_000;
    private ConcurrentDictionary<string, StoredUser?> _cache = NewCache();

    public StoredUser? FindUser(string name)
    {
        var cache = Volatile.Read(ref _cache);
        if (cache.TryGetValue(name, out var user))
        {
            return user;
        }

        user = store.Read(reader => reader.GetUser(name));
        if (cache.Count >= MaxEntries)
        {
            cache.Clear();
        }

        cache[name] = user;
        return user;
    }

    /// <summary>Forgets everything: called when the store's revision changes.</summary>
    public void Invalidate() => Volatile.Write(ref _cache, NewCache());

    // Names compare case-insensitively, as the store's NOCASE column does.
    private static ConcurrentDictionary<string, StoredUser?> NewCache() => new(StringComparer.OrdinalIgnoreCase);
}
