using SipSecurity.Server.Configuration;

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
}
