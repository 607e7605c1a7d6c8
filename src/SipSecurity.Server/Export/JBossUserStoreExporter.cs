using System.Text;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Security.Digest;
using SipSecurity.Server.Store;

namespace SipSecurity.Server.Export;

/// <summary>
/// The store's users as JBoss UsersRoles files: users.properties (user=MD5 A1) and roles.properties
/// (user=role1,role2). Users without an MD5 A1 for the current realm, and disabled users (the
/// properties format cannot say "disabled"), are skipped and reported.
/// </summary>
public static class JBossUserStoreExporter
{
    public static JBossUserStoreExport Build(IConfigStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Read(reader =>
        {
            var realm = reader.GetLoginConfig().Realm;
            var users = new StringBuilder();
            var roles = new StringBuilder();
            PropertiesWriter.AppendComment(users, $"SipSecurity users for realm \"{realm}\": user=hex(MD5(user:realm:password)) (hashAlgorithm=MD5, hashEncoding=RFC2617, passwordIsA1Hash=true)");
            PropertiesWriter.AppendComment(roles, "SipSecurity roles: user=role1,role2");
            var exported = new List<string>();
            var skipped = new List<string>();
            foreach (var user in reader.ListUsers().OrderBy(u => u.Name, StringComparer.Ordinal))
            {
                var a1 = user.A1.GetValueOrDefault(DigestAlgorithm.MD5);
                string? reason = a1 is null ? "it has no MD5 A1 hash"
                    : !string.Equals(user.Realm, realm, StringComparison.Ordinal) ? $"its hashes are for realm '{user.Realm}', not '{realm}'"
                    : !user.Enabled ? "it is disabled (the properties format cannot express that)"
                    : null;
                if (reason is not null)
                {
                    skipped.Add($"User '{user.Name}' was not exported: {reason}.");
                    continue;
                }

                PropertiesWriter.AppendEntry(users, user.Name, a1!);
                if (user.Roles.Count > 0)
                {
                    PropertiesWriter.AppendEntry(roles, user.Name, string.Join(",", user.Roles));
                }

                exported.Add(user.Name);
            }

            return new JBossUserStoreExport(users.ToString(), roles.ToString(), exported, skipped);
        });
    }
}

/// <summary>The two files' text, the users written and why others were skipped.</summary>
public sealed record JBossUserStoreExport(string UsersText, string RolesText, IReadOnlyList<string> Exported, IReadOnlyList<string> Skipped);
