using SipSecurity.Server.Configuration;
using SipSecurity.Server.Security.Digest;

namespace SipSecurity.Server.Import;

/// <summary>
/// A user read from an import file, before it touches the store. Credentials are either a
/// <see cref="SipUserSecret"/> (a password or an MD5 A1, hashed for the store's realm), ready hashes
/// with the realm they were made for, or nothing (a configuration file exported without credentials).
/// </summary>
public sealed class ImportedUser : IDisposable
{
    public required string Name { get; init; }

    public required SourceLocation Location { get; init; }

    /// <summary>Roles, validated, distinct and sorted ordinally.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    public bool Enabled { get; init; } = true;

    public SipUserSecret? Secret { get; init; }

    public IReadOnlyDictionary<DigestAlgorithm, string>? A1 { get; init; }

    /// <summary>The realm <see cref="A1"/> was computed for.</summary>
    public string? A1Realm { get; init; }

    public bool HasCredentials => Secret is not null || A1 is { Count: > 0 };

    public void Dispose() => Secret?.Dispose();

    public override string ToString() => Name;
}
