using System.Globalization;
using Microsoft.Data.Sqlite;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Security.Digest;

namespace SipSecurity.Server.Store.Sqlite;

internal sealed partial class SqliteConfigSession
{
    private const string UserColumns = "name, realm, enabled, ha1_md5, ha1_sha256, ha1_sha512_256, created, modified";

    public StoredUser? GetUser(string name)
    {
        using var command = Command($"SELECT {UserColumns} FROM users WHERE name = $name;", ("$name", name));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadUser(reader, GetUserRoles(name)) : null;
    }

    public IReadOnlyList<StoredUser> ListUsers(string prefix = "")
    {
        var roles = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        var like = EscapeLike(prefix) + "%";
        using (var command = Command("SELECT user_name, role FROM user_roles WHERE user_name LIKE $like ESCAPE '\\' ORDER BY user_name, role;", ("$like", like)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var user = reader.GetString(0);
                if (!roles.TryGetValue(user, out var list))
                {
                    roles[user] = list = [];
                }

                list.Add(reader.GetString(1));
            }
        }

        var users = new List<StoredUser>();
        using (var command = Command($"SELECT {UserColumns} FROM users WHERE name LIKE $like ESCAPE '\\' ORDER BY name;", ("$like", like)))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var name = reader.GetString(0);
                users.Add(ReadUser(reader, roles.TryGetValue(name, out var list) ? list : []));
            }
        }

        return users;
    }

    public int CountUsers()
    {
        using var command = Command("SELECT COUNT(*) FROM users;");
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public void PutUser(StoredUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        Execute($"""
            INSERT INTO users ({UserColumns}) VALUES ($name, $realm, $enabled, $md5, $sha256, $sha512, $created, $modified)
            ON CONFLICT(name) DO UPDATE SET name = excluded.name, realm = excluded.realm, enabled = excluded.enabled,
                ha1_md5 = excluded.ha1_md5, ha1_sha256 = excluded.ha1_sha256, ha1_sha512_256 = excluded.ha1_sha512_256,
                modified = excluded.modified;
            """,
            ("$name", user.Name),
            ("$realm", user.Realm),
            ("$enabled", user.Enabled ? 1 : 0),
            ("$md5", user.A1.GetValueOrDefault(DigestAlgorithm.MD5)),
            ("$sha256", user.A1.GetValueOrDefault(DigestAlgorithm.SHA256)),
            ("$sha512", user.A1.GetValueOrDefault(DigestAlgorithm.SHA512_256)),
            ("$created", FormatTime(user.Created)),
            ("$modified", FormatTime(user.Modified)));
        Execute("DELETE FROM user_roles WHERE user_name = $name;", ("$name", user.Name));
        foreach (var role in user.Roles.Distinct(StringComparer.Ordinal))
        {
            Execute("INSERT INTO user_roles (user_name, role) VALUES ($name, $role);", ("$name", user.Name), ("$role", role));
        }
    }

    public bool DeleteUser(string name) => Execute("DELETE FROM users WHERE name = $name;", ("$name", name)) > 0;

    public IReadOnlyList<SipRole> GetRoles()
    {
        var roles = new List<SipRole>();
        using var command = Command("SELECT role, user_name FROM user_roles ORDER BY role, user_name;");
        using var reader = command.ExecuteReader();
        string? current = null;
        var members = new List<string>();
        while (reader.Read())
        {
            var role = reader.GetString(0);
            if (current is not null && !string.Equals(role, current, StringComparison.Ordinal))
            {
                roles.Add(new SipRole(current, members));
                members = [];
            }

            current = role;
            members.Add(reader.GetString(1));
        }

        if (current is not null)
        {
            roles.Add(new SipRole(current, members));
        }

        return roles;
    }

    private List<string> GetUserRoles(string name)
    {
        var roles = new List<string>();
        using var command = Command("SELECT role FROM user_roles WHERE user_name = $name ORDER BY role;", ("$name", name));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            roles.Add(reader.GetString(0));
        }

        return roles;
    }

    private static StoredUser ReadUser(SqliteDataReader reader, IReadOnlyList<string> roles)
    {
        var a1 = new Dictionary<DigestAlgorithm, string>();
        AddHash(reader, 3, DigestAlgorithm.MD5, a1);
        AddHash(reader, 4, DigestAlgorithm.SHA256, a1);
        AddHash(reader, 5, DigestAlgorithm.SHA512_256, a1);
        return new StoredUser
        {
            Name = reader.GetString(0),
            Realm = reader.GetString(1),
            Enabled = reader.GetInt64(2) != 0,
            A1 = a1,
            Roles = roles,
            Created = ParseTime(reader.GetString(6)),
            Modified = ParseTime(reader.GetString(7)),
        };
    }

    private static void AddHash(SqliteDataReader reader, int ordinal, DigestAlgorithm algorithm, Dictionary<DigestAlgorithm, string> a1)
    {
        if (!reader.IsDBNull(ordinal))
        {
            a1[algorithm] = reader.GetString(ordinal);
        }
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
