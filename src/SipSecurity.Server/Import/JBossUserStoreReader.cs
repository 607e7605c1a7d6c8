using SipSecurity.Server.Configuration;
using SipSecurity.Server.Security.Digest;

namespace SipSecurity.Server.Import;

/// <summary>
/// Reads the JBoss UsersRoles login module's files as the seed configures them (hashAlgorithm MD5,
/// hashEncoding RFC2617, passwordIsA1Hash true): users.properties holds user=A1 (hex MD5 of
/// user:realm:password), roles.properties holds user=role1,role2. Plaintext passwords are refused.
/// </summary>
public static class JBossUserStoreReader
{
    public static UserImportSource Read(string usersPath, string? rolesPath)
    {
        var users = PropertiesParser.ParseFile(usersPath);
        var roles = rolesPath is null ? [] : PropertiesParser.ParseFile(rolesPath);
        return Read(users, roles, rolesPath is null ? usersPath : $"{usersPath}, {rolesPath}");
    }

    public static UserImportSource Read(IReadOnlyList<PropertyEntry> userEntries, IReadOnlyList<PropertyEntry> roleEntries, string description)
    {
        ArgumentNullException.ThrowIfNull(userEntries);
        ArgumentNullException.ThrowIfNull(roleEntries);
        var seen = new Dictionary<string, PropertyEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in userEntries)
        {
            ImportValidation.At(entry.Location, () => NameRules.ValidateUserName(entry.Key));
            if (seen.TryGetValue(entry.Key, out var first))
            {
                throw entry.Location.Error("DuplicateUser", SipErrorKind.InvalidData, $"user '{entry.Key}' is already defined on line {first.Location.Line}.");
            }

            // The value is never echoed: with passwordIsA1Hash=false it would be a plaintext password.
            if (!DigestHash.IsHexHash(DigestAlgorithm.MD5, entry.Value.Trim()))
            {
                throw entry.Location.Error("InvalidA1Hash", SipErrorKind.InvalidData,
                    $"the value for user '{entry.Key}' is not a 32-character hexadecimal MD5 A1 hash (hex of MD5(user:realm:password), as RFC2617Digest prints it). Plaintext passwords are not imported from properties files.");
            }

            seen.Add(entry.Key, entry);
        }

        var roles = new Dictionary<string, (List<string> Roles, SourceLocation Location)>(StringComparer.Ordinal);
        var warnings = new List<string>();
        foreach (var entry in roleEntries)
        {
            var user = ResolveRoleKey(entry, seen, warnings);
            if (user is null)
            {
                continue;
            }

            var list = ImportValidation.Roles(entry.Value.Split(','), entry.Location);
            if (roles.TryGetValue(user, out var existing))
            {
                throw entry.Location.Error("DuplicateUser", SipErrorKind.InvalidData, $"the roles of user '{user}' are already given on line {existing.Location.Line}.");
            }

            roles[user] = ([.. list], entry.Location);
        }

        var imported = userEntries.Select(entry => new ImportedUser
        {
            Name = entry.Key,
            Location = entry.Location,
            Roles = roles.TryGetValue(entry.Key, out var r) ? r.Roles : [],
            Secret = SipUserSecret.FromA1(DigestAlgorithm.MD5, entry.Value.Trim(), entry.Key),
        }).ToArray();
        return new UserImportSource { Description = description, Users = imported, Warnings = warnings };
    }

    /// <summary>
    /// "user" or "user.Roles" assign roles; "user.OtherGroup" (e.g. CallerPrincipal) has no meaning here and is
    /// skipped with a warning; a user the users file does not define is an error.
    /// </summary>
    private static string? ResolveRoleKey(PropertyEntry entry, Dictionary<string, PropertyEntry> users, List<string> warnings)
    {
        if (users.TryGetValue(entry.Key, out var user))
        {
            return user.Key;
        }

        var dot = entry.Key.LastIndexOf('.');
        if (dot > 0 && users.TryGetValue(entry.Key[..dot], out user))
        {
            if (string.Equals(entry.Key[(dot + 1)..], "Roles", StringComparison.Ordinal))
            {
                return user.Key;
            }

            warnings.Add($"{entry.Location}: role group '{entry.Key[(dot + 1)..]}' of user '{user.Key}' is not used by SipSecurity and was skipped.");
            return null;
        }

        throw entry.Location.Error("RoleUserNotFound", SipErrorKind.InvalidData,
            $"user '{NameRules.Printable(entry.Key)}' has roles but is not defined in the users file.");
    }
}
