using SipSecurity.Server.Store;

namespace SipSecurity.Server.Configuration;

/// <summary>Changes to users, with the rules the cmdlets and importers share. Each call is one transaction.</summary>
public sealed class SipUserManager
{
    private readonly IConfigStore _store;
    private readonly TimeProvider _time;

    public SipUserManager(IConfigStore store, TimeProvider? time = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// Adds a user. <paramref name="realm"/>, when given, must be the store's realm (it guards ready A1 hashes
    /// made for another realm). With <paramref name="force"/> an existing user is replaced.
    /// </summary>
    public SipUser Add(string name, SipUserSecret secret, IEnumerable<string>? roles = null, bool enabled = true, string? realm = null, bool force = false)
    {
        ArgumentNullException.ThrowIfNull(secret);
        NameRules.ValidateUserName(name);
        var roleList = ValidateRoles(roles);
        return _store.Write(writer =>
        {
            var storeRealm = writer.GetLoginConfig().Realm;
            CheckRealm(name, realm, storeRealm);
            var existing = writer.GetUser(name);
            if (existing is not null && !force)
            {
                throw new SipSecurityException("UserAlreadyExists", SipErrorKind.ResourceExists,
                    $"The user '{existing.Name}' already exists. Use Set-SipUser to change it, or -Force to replace it.", name);
            }

            var now = _time.GetUtcNow();
            var user = new StoredUser
            {
                Name = name,
                Realm = storeRealm,
                Enabled = enabled,
                A1 = secret.ComputeA1(name, storeRealm),
                Roles = roleList,
                Created = existing?.Created ?? now,
                Modified = now,
            };
            writer.PutUser(user);
            return user.ToSipUser(storeRealm);
        });
    }

    /// <summary>Users matching a wildcard pattern (or all), in name order.</summary>
    public IReadOnlyList<SipUser> Find(string? pattern = null)
    {
        return _store.Read(reader =>
        {
            var realm = reader.GetLoginConfig().Realm;
            if (string.IsNullOrEmpty(pattern) || pattern == "*")
            {
                return reader.ListUsers().Select(u => u.ToSipUser(realm)).ToArray();
            }

            var wildcard = new SipWildcard(pattern);
            if (!wildcard.HasWildcards)
            {
                var user = reader.GetUser(wildcard.LiteralPrefix);
                return user is null ? [] : [user.ToSipUser(realm)];
            }

            return reader.ListUsers(wildcard.LiteralPrefix).Where(u => wildcard.IsMatch(u.Name)).Select(u => u.ToSipUser(realm)).ToArray();
        });
    }

    /// <summary>One user, or a UserNotFound error.</summary>
    public SipUser Get(string name) =>
        _store.Read(reader => (reader.GetUser(name) ?? throw NotFound(name)).ToSipUser(reader.GetLoginConfig().Realm));

    /// <summary>The stored hashes of one user (for the security engine and credential exports).</summary>
    public SipUserCredentials? GetCredentials(string name) => _store.Read(reader => reader.GetUser(name)?.ToCredentials());

    /// <summary>
    /// Applies <paramref name="update"/> to an existing user. Returns the user and whether anything changed
    /// (setting what is already set changes nothing).
    /// </summary>
    public (SipUser User, bool Changed) Update(string name, SipUserUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var addRoles = ValidateRoles(update.AddRoles);
        var removeRoles = ValidateRoles(update.RemoveRoles);
        return _store.Write(writer =>
        {
            var realm = writer.GetLoginConfig().Realm;
            var user = writer.GetUser(name) ?? throw NotFound(name);
            var roles = user.Roles.Union(addRoles, StringComparer.Ordinal).Except(removeRoles, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            var a1 = update.Secret is null ? user.A1 : update.Secret.ComputeA1(user.Name, realm);
            var hashRealm = update.Secret is null ? user.Realm : realm;
            var enabled = update.Enabled ?? user.Enabled;
            var changed = update.Secret is not null || enabled != user.Enabled || !roles.SequenceEqual(user.Roles, StringComparer.Ordinal);
            if (!changed)
            {
                return (user.ToSipUser(realm), false);
            }

            var updated = new StoredUser
            {
                Name = user.Name,
                Realm = hashRealm,
                Enabled = enabled,
                A1 = a1,
                Roles = roles,
                Created = user.Created,
                Modified = _time.GetUtcNow(),
            };
            writer.PutUser(updated);
            return (updated.ToSipUser(realm), true);
        });
    }

    public void Remove(string name)
    {
        _store.Write(writer => writer.DeleteUser(name) ? true : throw NotFound(name));
    }

    public static SipSecurityException NotFound(string name) =>
        new("UserNotFound", SipErrorKind.ObjectNotFound, $"No user named '{NameRules.Printable(name)}' exists in the config store.", name);

    private static string[] ValidateRoles(IEnumerable<string>? roles)
    {
        var list = (roles ?? []).Select(r => r?.Trim() ?? string.Empty).Where(r => r.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        foreach (var role in list)
        {
            NameRules.ValidateRoleName(role);
        }

        return list;
    }

    private static void CheckRealm(string name, string? given, string storeRealm)
    {
        if (given is not null && !string.Equals(given, storeRealm, StringComparison.Ordinal))
        {
            throw new SipSecurityException("RealmMismatch", SipErrorKind.InvalidArgument,
                $"User '{name}' is for realm '{NameRules.Printable(given)}' but the store's realm is '{storeRealm}'. Change the realm first with Set-SipLoginConfig, or omit -Realm.", name);
        }
    }
}

/// <summary>What <see cref="SipUserManager.Update"/> changes; null members stay as they are.</summary>
public sealed class SipUserUpdate
{
    public SipUserSecret? Secret { get; init; }

    public IEnumerable<string>? AddRoles { get; init; }

    public IEnumerable<string>? RemoveRoles { get; init; }

    public bool? Enabled { get; init; }
}
