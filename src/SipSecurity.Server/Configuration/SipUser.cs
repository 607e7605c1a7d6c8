using SipSecurity.Server.Security.Digest;

namespace SipSecurity.Server.Configuration;

/// <summary>A user as shown to operators: never the hashes themselves.</summary>
public sealed record SipUser
{
    public required string Name { get; init; }

    public bool Enabled { get; init; } = true;

    /// <summary>Roles, sorted ordinally.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>The algorithms this user can authenticate with (those an A1 hash is stored for).</summary>
    public IReadOnlyList<DigestAlgorithm> Algorithms { get; init; } = [];

    /// <summary>The realm the stored hashes were computed for.</summary>
    public required string Realm { get; init; }

    /// <summary>True when the login realm changed after the hashes were computed: the user needs a new password.</summary>
    public bool NeedsPasswordReset { get; init; }

    public DateTimeOffset Created { get; init; }

    public DateTimeOffset Modified { get; init; }
}
