using SipSecurity.Server.Configuration;
using SipSecurity.Server.Security.Digest;

namespace SipSecurity.Server.Import;

/// <summary>A servlet as an import file declares it.</summary>
public sealed record ImportedServlet(SipServlet Servlet, SourceLocation Location);

/// <summary>A security constraint as an import file declares it.</summary>
public sealed record ImportedConstraint(SipSecurityConstraint Constraint, SourceLocation Location);

/// <summary>Login config values from an import file; null members keep the store's value.</summary>
public sealed record ImportedLoginConfig(SipAuthMethod? AuthMethod, string? Realm, IReadOnlyList<DigestAlgorithm>? Algorithms, SourceLocation Location);

/// <summary>
/// What an import file says the configuration should contain. Parsers build it (validating names and
/// recording lines); <see cref="SipConfigurationImporter"/> compares it with the store.
/// </summary>
public sealed class DesiredConfiguration : IDisposable
{
    public required string Source { get; init; }

    public ImportedLoginConfig? LoginConfig { get; init; }

    public IReadOnlyList<ImportedServlet> Servlets { get; init; } = [];

    public IReadOnlyList<ImportedConstraint> Constraints { get; init; } = [];

    public IReadOnlyList<ImportedUser> Users { get; init; } = [];

    /// <summary>Notes from the parser (skipped or approximated elements).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public void Dispose()
    {
        foreach (var user in Users)
        {
            user.Dispose();
        }
    }
}

/// <summary>How an import treats what the store already has.</summary>
public sealed record SipImportOptions
{
    /// <summary>Make the store equal to the file: servlets, constraints and users the file lacks are removed.</summary>
    public bool Replace { get; init; }

    /// <summary>An imported user that already exists is an error unless this is set (then it is replaced).</summary>
    public bool UsersMustBeNew { get; init; }

    public bool ReplaceExistingUsers { get; init; }

    /// <summary>Allow a realm change that invalidates stored A1 hashes.</summary>
    public bool AllowRealmChange { get; init; }

    /// <summary>The realm the file's hashes were made for; must equal the (resulting) store realm.</summary>
    public string? ExpectedRealm { get; init; }
}
