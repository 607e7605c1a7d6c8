using SipSecurity.Server.Configuration;
using SipSecurity.Server.Registrar;

namespace SipSecurity.Server.Store;

/// <summary>
/// The persistent configuration of a SipSecurity server. Every change runs inside
/// <see cref="Write{T}"/> as one transaction: it is all applied or none of it is.
/// The interface is what a second backend (PostgreSQL, for several nodes) implements.
/// </summary>
public interface IConfigStore : IDisposable
{
    /// <summary>Where the store lives (a file path, or a connection description without secrets).</summary>
    string Location { get; }

    /// <summary>Increases with every committed change, from any process: the running server polls it.</summary>
    long ReadRevision();

    T Read<T>(Func<IConfigReader, T> read);

    /// <summary>Runs <paramref name="write"/> in one exclusive transaction; an exception rolls everything back.</summary>
    T Write<T>(Func<IConfigWriter, T> write);

    /// <summary>
    /// Persists the location service's changes in one transaction. Unlike <see cref="Write{T}"/> it does NOT
    /// raise the revision: the running server flushes its own bindings here every second and must not
    /// trigger its own reloads.
    /// </summary>
    /// <param name="upserts">Bindings to insert or replace.</param>
    /// <param name="removals">Bindings to delete.</param>
    /// <param name="expectedRevision">When given, nothing is written (false is returned) unless the store is still at this
    /// revision: the server must first see an operator's change (a removed registration) before writing its own.</param>
    bool SaveBindings(IReadOnlyList<SipRegistration> upserts, IReadOnlyList<SipRegistrationKey> removals, long? expectedRevision = null);

    /// <summary>The bindings still valid at <paramref name="now"/>; expired rows are deleted (without raising the revision).</summary>
    IReadOnlyList<SipRegistration> LoadBindings(DateTimeOffset now);
}

/// <summary>Reads inside a transaction.</summary>
public interface IConfigReader
{
    StoredUser? GetUser(string name);

    /// <summary>Users whose name starts with <paramref name="prefix"/> (case-insensitive), in name order.</summary>
    IReadOnlyList<StoredUser> ListUsers(string prefix = "");

    int CountUsers();

    IReadOnlyList<SipRole> GetRoles();

    SipLoginConfig GetLoginConfig();

    IReadOnlyList<SipServlet> GetServlets();

    IReadOnlyList<SipSecurityConstraint> GetConstraints();

    /// <summary>Connectors in name order.</summary>
    IReadOnlyList<SipConnector> GetConnectors();

    /// <summary>The stored server settings; a setting never stored has its default.</summary>
    SipServerSettings GetServerSettings();

    /// <summary>
    /// Bindings of <paramref name="aor"/> (a canonical AOR, exact match), or of every AOR when null, in AOR
    /// and contact order. Expired bindings the server has not yet purged are included.
    /// </summary>
    IReadOnlyList<SipRegistration> GetRegistrations(string? aor = null);

    /// <summary>
    /// The stored TLS settings (defaults when never set), with <see cref="SipTlsConfiguration.HasKeyStorePassword"/>
    /// and <see cref="SipTlsConfiguration.HasTrustStorePassword"/> filled in; never the passwords themselves.
    /// </summary>
    SipTlsConfiguration GetTlsConfiguration();

    /// <summary>
    /// A stored TLS password, or null when none is stored. The caller owns the array and must clear it
    /// (<see cref="Array.Clear(Array)"/>) as soon as it has opened the keystore; never turn it into a string.
    /// </summary>
    char[]? ReadTlsSecret(SipTlsSecret which);
}

/// <summary>Reads and writes inside one exclusive transaction.</summary>
public interface IConfigWriter : IConfigReader
{
    /// <summary>Inserts the user, or replaces the one with that name (roles included).</summary>
    void PutUser(StoredUser user);

    bool DeleteUser(string name);

    void PutLoginConfig(SipLoginConfig config);

    void PutServlet(SipServlet servlet);

    bool DeleteServlet(string name);

    /// <summary>Inserts or replaces a constraint; a new one goes last (constraints keep their order).</summary>
    void PutConstraint(SipSecurityConstraint constraint);

    bool DeleteConstraint(string name);

    /// <summary>Inserts or replaces the connector with that name (case-insensitive).</summary>
    void PutConnector(SipConnector connector);

    bool DeleteConnector(string name);

    /// <summary>Validates (<see cref="SipServerSettings.Validate"/>) and stores the settings; unchanged values are not rewritten.</summary>
    void PutServerSettings(SipServerSettings settings);

    /// <summary>
    /// Deletes the bindings of <paramref name="aor"/>, or only its binding to <paramref name="contact"/>; returns how
    /// many. Raises the revision like every write, so a running server drops them from its location service.
    /// </summary>
    int DeleteRegistrations(string aor, string? contact = null);

    /// <summary>
    /// Validates the shape of the settings (<see cref="SipTlsRules.Validate"/>; files are not opened here) and stores
    /// them; the Has*Password properties are ignored. Always raises the revision, even when nothing differs: the
    /// keystore's content lives outside the store, and this is how a running server learns to load it again.
    /// </summary>
    void PutTlsConfiguration(SipTlsConfiguration configuration);

    /// <summary>Stores a TLS password (as UTF-8; buffers cleared after use), replacing any stored one. It must not be empty.</summary>
    void PutTlsSecret(SipTlsSecret which, ReadOnlySpan<char> value);

    /// <summary>Deletes a stored TLS password; false when none was stored.</summary>
    bool DeleteTlsSecret(SipTlsSecret which);
}
