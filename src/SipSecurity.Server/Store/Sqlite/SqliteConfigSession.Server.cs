using SipSecurity.Server.Configuration;

namespace SipSecurity.Server.Store.Sqlite;

internal sealed partial class SqliteConfigSession
{
    public SipServerSettings GetServerSettings()
    {
        var stored = ReadMeta(ServerSettingKeys.Prefix);
        var settings = new SipServerSettings();
        foreach (var key in ServerSettingKeys.All)
        {
            if (stored.TryGetValue(key.Key, out var text))
            {
                settings = key.Apply(settings, text) ?? throw new SipSecurityException("StoreCorrupt", SipErrorKind.InvalidData,
                    $"The server setting '{key.Key}' in the config store has the value '{Configuration.NameRules.Printable(text)}', which is not valid. Set it again with Set-SipServerConfiguration.", key.Key);
            }
        }

        return settings;
    }

    public void PutServerSettings(SipServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var stored = ReadMeta(ServerSettingKeys.Prefix);
        foreach (var key in ServerSettingKeys.All)
        {
            var text = key.Format(settings);
            // Rewriting an equal value would raise the revision and make a running server reload for nothing.
            if (!stored.TryGetValue(key.Key, out var current) || !string.Equals(current, text, StringComparison.Ordinal))
            {
                SetMeta(key.Key, text);
            }
        }
    }

    private Dictionary<string, string> ReadMeta(string prefix)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        using var command = Command("SELECT key, value FROM meta WHERE substr(key, 1, length($prefix)) = $prefix;", ("$prefix", prefix));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            values[reader.GetString(0)] = reader.GetString(1);
        }

        return values;
    }
}
