namespace SipSecurity.Server.Store;

/// <summary>Finds the store file: an explicit path, else $SIPSECURITY_HOME, else the per-user config folder.</summary>
public static class ConfigStoreLocation
{
    public const string EnvironmentVariable = "SIPSECURITY_HOME";
    public const string FileName = "sipsecurity.db";

    /// <summary>
    /// Resolves a -ConfigPath value (a folder, or a file ending in .db) to the store file's full path.
    /// </summary>
    public static string Resolve(string? configPath)
    {
        if (string.IsNullOrWhiteSpace(configPath))
        {
            configPath = Environment.GetEnvironmentVariable(EnvironmentVariable);
        }

        if (string.IsNullOrWhiteSpace(configPath))
        {
            // Linux: $XDG_CONFIG_HOME or ~/.config; Windows: %APPDATA%; macOS: ~/Library/Application Support.
            var root = Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            configPath = Path.Combine(root, "sipsecurity");
        }

        var full = Path.GetFullPath(configPath);
        var isFile = File.Exists(full) || (!Directory.Exists(full) && full.EndsWith(".db", StringComparison.OrdinalIgnoreCase));
        return isFile ? full : Path.Combine(full, FileName);
    }
}
