using SipSecurity.Server.Configuration;
using SipSecurity.Server.Security.Digest;
using SipSecurity.Server.Store;

namespace SipSecurity.Server.Import;

/// <summary>
/// Users of an import: new ones need credentials; existing ones are an error (user store import without
/// -Force) or take the file's roles, enabled state and, when the file has them, hashes.
/// </summary>
internal static class UserPlanner
{
    /// <summary>Plans the user writes; returns every user the store has afterwards with the realm of its hashes.</summary>
    public static Dictionary<string, string> Plan(IConfigReader reader, DesiredConfiguration desired, SipImportOptions options, string realm, bool realmChanged, DateTimeOffset now, SipImportResult result)
    {
        var finalRealms = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (options.Replace || realmChanged)
        {
            foreach (var user in reader.ListUsers())
            {
                finalRealms[user.Name] = user.Realm;
            }
        }

        var imported = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var user in desired.Users)
        {
            if (!imported.Add(user.Name))
            {
                throw user.Location.Error("DuplicateUser", SipErrorKind.InvalidData, $"user '{user.Name}' appears twice.");
            }

            var existing = reader.GetUser(user.Name);
            if (existing is not null && options.UsersMustBeNew && !options.ReplaceExistingUsers)
            {
                throw user.Location.Error("UserAlreadyExists", SipErrorKind.ResourceExists,
                    $"user '{existing.Name}' already exists in the config store. Nothing was changed. Use -Force to replace existing users.");
            }

            if (existing is null && !user.HasCredentials)
            {
                throw user.Location.Error("UserWithoutCredentials", SipErrorKind.InvalidData,
                    $"user '{user.Name}' does not exist in the store and the file has no credentials for it. Nothing was changed. Export with -IncludeCredentials, or add the user with Add-SipUser first.");
            }

            var stored = Build(user, existing, realm, now);
            finalRealms[stored.Name] = stored.Realm;
            if (existing is null || !Same(existing, stored))
            {
                (existing is null ? result.UsersAdded : result.UsersReplaced).Add(stored.Name);
                result.Write(writer => writer.PutUser(stored));
                result.Users.Add(stored.ToSipUser(realm));
            }
            else
            {
                result.Users.Add(existing.ToSipUser(realm));
            }
        }

        if (options.Replace)
        {
            foreach (var name in finalRealms.Keys.Where(n => !imported.Contains(n)).ToArray())
            {
                finalRealms.Remove(name);
                result.UsersRemoved.Add(name);
                result.Write(writer => writer.DeleteUser(name));
            }
        }

        result.Roles = desired.Users.SelectMany(u => u.Roles).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return finalRealms;
    }

    private static StoredUser Build(ImportedUser user, StoredUser? existing, string realm, DateTimeOffset now)
    {
        string hashRealm;
        IReadOnlyDictionary<DigestAlgorithm, string> a1;
        if (user.Secret is not null)
        {
            hashRealm = realm;
            a1 = user.Secret.ComputeA1(user.Name, realm);
        }
        else if (user.A1 is { Count: > 0 })
        {
            hashRealm = user.A1Realm ?? realm;
            a1 = user.A1.ToDictionary(p => p.Key, p => p.Value.ToLowerInvariant());
        }
        else
        {
            hashRealm = existing!.Realm;
            a1 = existing.A1;
        }

        return new StoredUser
        {
            Name = existing?.Name ?? user.Name,
            Realm = hashRealm,
            Enabled = user.Enabled,
            A1 = a1,
            Roles = user.Roles,
            Created = existing?.Created ?? now,
            Modified = now,
        };
    }

    private static bool Same(StoredUser a, StoredUser b) =>
        a.Enabled == b.Enabled
        && string.Equals(a.Realm, b.Realm, StringComparison.Ordinal)
        && a.Roles.SequenceEqual(b.Roles, StringComparer.Ordinal)
        && a.A1.Count == b.A1.Count
        && a.A1.All(p => b.A1.TryGetValue(p.Key, out var other) && DigestHash.FixedTimeEqualsHex(p.Value, other));
}
