using SipSecurity.Server.Configuration;
using SipSecurity.Server.Security.Digest;

namespace SipSecurity.Server.Store;

/// <summary>A user row as the store keeps it, hashes included. ToString never shows the hashes.</summary>
public sealed class StoredUser
{
    public required string Name { get; init; }

    public required string Realm { get; init; }

    public bool Enabled { get; init; } = true;

    public IReadOnlyDictionary<DigestAlgorithm, string> A1 { get; init; } = new Dictionary<DigestAlgorithm, string>();

    public IReadOnlyList<string> Roles { get; init; } = [];

    public DateTimeOffset Created { get; init; }

    public DateTimeOffset Modified { get; init; }

    /// <summary>The operator's view, given the realm the login config has now.</summary>
    public SipUser ToSipUser(string currentRealm) => new()
    {
        Name = Name,
        Enabled = Enabled,
        Roles = Roles,
        Algorithms = A1.Keys.Order().ToArray(),
        Realm = Realm,
        NeedsPasswordReset = !string.Equals(Realm, currentRealm, StringComparison.Ordinal),
        Created = Created,
        Modified = Modified,
    };

    public SipUserCredentials ToCredentials() => new(Name, Realm, Enabled, A1);

    public override string ToString() => Name;
}
