using SipSecurity.Server.Security.Digest;
using SipSecurity.Server.Store;

namespace SipSecurity.Server.Configuration;

/// <summary>Reads and changes the login config. A realm change invalidates every stored A1, so it is guarded.</summary>
public sealed class SipLoginConfigManager
{
    private readonly IConfigStore _store;

    public SipLoginConfigManager(IConfigStore store) => _store = store ?? throw new ArgumentNullException(nameof(store));

    public SipLoginConfig Get() => _store.Read(reader => reader.GetLoginConfig());

    /// <summary>
    /// The config that <see cref="Set"/> would write and the users a realm change would invalidate,
    /// without writing anything (for -WhatIf and confirmation messages).
    /// </summary>
    public SipLoginConfigChange Plan(SipAuthMethod? authMethod, string? realm, IReadOnlyList<DigestAlgorithm>? algorithms) =>
        _store.Read(reader => Plan(reader, authMethod, realm, algorithms));

    /// <summary>Writes the new config. Refuses a realm change that invalidates users unless <paramref name="force"/>.</summary>
    public SipLoginConfigChange Set(SipAuthMethod? authMethod, string? realm, IReadOnlyList<DigestAlgorithm>? algorithms, bool force)
    {
        return _store.Write(writer =>
        {
            var change = Plan(writer, authMethod, realm, algorithms);
            if (change.AffectedUsers.Count > 0 && !force)
            {
                throw new SipSecurityException("RealmChangeInvalidatesUsers", SipErrorKind.InvalidOperation,
                    $"Changing the realm from '{change.Before.Realm}' to '{change.After.Realm}' invalidates the A1 hash of {change.AffectedUsers.Count} user(s): {Describe(change.AffectedUsers)}. " +
                    "Nothing was changed. Use -Force to change it anyway; those users then need a new password (Set-SipUser -Password).", change.After.Realm);
            }

            if (change.Changed)
            {
                writer.PutLoginConfig(change.After);
            }

            return change;
        });
    }

    private static SipLoginConfigChange Plan(IConfigReader reader, SipAuthMethod? authMethod, string? realm, IReadOnlyList<DigestAlgorithm>? algorithms)
    {
        if (realm is not null)
        {
            NameRules.ValidateRealm(realm);
        }

        if (algorithms is not null)
        {
            if (algorithms.Count == 0)
            {
                throw new SipSecurityException("NoDigestAlgorithm", SipErrorKind.InvalidArgument, "At least one digest algorithm must be enabled.");
            }

            if (algorithms.Distinct().Count() != algorithms.Count)
            {
                throw new SipSecurityException("DuplicateDigestAlgorithm", SipErrorKind.InvalidArgument, "A digest algorithm is listed twice.");
            }
        }

        var before = reader.GetLoginConfig();
        var after = before with
        {
            AuthMethod = authMethod ?? before.AuthMethod,
            Realm = realm ?? before.Realm,
            Algorithms = algorithms?.ToArray() ?? before.Algorithms,
        };
        IReadOnlyList<string> affected = [];
        if (!string.Equals(after.Realm, before.Realm, StringComparison.Ordinal))
        {
            affected = reader.ListUsers().Where(u => !string.Equals(u.Realm, after.Realm, StringComparison.Ordinal)).Select(u => u.Name).ToArray();
        }

        return new SipLoginConfigChange(before, after, affected);
    }

    private static string Describe(IReadOnlyList<string> names) =>
        names.Count <= 10 ? string.Join(", ", names) : string.Join(", ", names.Take(10)) + $" and {names.Count - 10} more";
}

/// <summary>A login config before and after a change, and the users whose hashes the change invalidates.</summary>
public sealed record SipLoginConfigChange(SipLoginConfig Before, SipLoginConfig After, IReadOnlyList<string> AffectedUsers)
{
    public bool Changed =>
        Before.AuthMethod != After.AuthMethod
        || !string.Equals(Before.Realm, After.Realm, StringComparison.Ordinal)
        || !Before.Algorithms.SequenceEqual(After.Algorithms);

    /// <summary>One line per changed setting, for -WhatIf.</summary>
    public IEnumerable<string> Describe()
    {
        if (Before.AuthMethod != After.AuthMethod)
        {
            yield return $"AuthMethod: {Before.AuthMethod} -> {After.AuthMethod}";
        }

        if (!string.Equals(Before.Realm, After.Realm, StringComparison.Ordinal))
        {
            yield return $"Realm: {Before.Realm} -> {After.Realm} ({AffectedUsers.Count} user(s) need a new password)";
        }

        if (!Before.Algorithms.SequenceEqual(After.Algorithms))
        {
            yield return $"Algorithm: {string.Join(",", Before.Algorithms.Select(a => a.ToToken()))} -> {string.Join(",", After.Algorithms.Select(a => a.ToToken()))}";
        }
    }
}
