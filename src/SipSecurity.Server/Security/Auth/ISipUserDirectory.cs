using SipSecurity.Server.Store;

namespace SipSecurity.Server.Security.Auth;

/// <summary>
/// Where the security engine looks users up. The server implements it over the config store with a cache,
/// so that a lookup on the request path costs a dictionary read, not a query.
/// </summary>
public interface ISipUserDirectory
{
    /// <summary>The user of this name (matched as the store matches names), or null when there is none.</summary>
    StoredUser? FindUser(string name);
}
