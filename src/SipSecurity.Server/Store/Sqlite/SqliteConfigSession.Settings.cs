using SipSecurity.Server.Configuration;
using SipSecurity.Server.Security.Digest;

namespace SipSecurity.Server.Store.Sqlite;

internal sealed partial class SqliteConfigSession
{
    public SipLoginConfig GetLoginConfig()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var command = Command("SELECT key, value FROM meta WHERE key LIKE 'login.%';"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                values[reader.GetString(0)] = reader.GetString(1);
            }
        }

        return new SipLoginConfig
        {
            AuthMethod = Enum.Parse<SipAuthMethod>(values["login.auth_method"]),
            Realm = values["login.realm"],
            Algorithms = Split(values["login.algorithms"]).Select(Enum.Parse<DigestAlgorithm>).ToArray(),
        };
    }

    public void PutLoginConfig(SipLoginConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        SetMeta("login.auth_method", config.AuthMethod.ToString());
        SetMeta("login.realm", config.Realm);
        SetMeta("login.algorithms", Join(config.Algorithms.Select(a => a.ToString())));
    }

    private void SetMeta(string key, string value) =>
        Execute("INSERT INTO meta (key, value) VALUES ($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value;",
            ("$key", key), ("$value", value));
}
