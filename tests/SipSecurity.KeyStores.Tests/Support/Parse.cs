using System.Text.RegularExpressions;

namespace SipSecurity.KeyStores.Tests.Support;

/// <summary>Pulls values out of keytool and openssl output.</summary>
internal static partial class Parse
{
    /// <summary>The SHA-256 fingerprints of the first certificate of each entry in <c>keytool -list -v</c> output, by alias.</summary>
    public static Dictionary<string, string> KeytoolSha256(string listing)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? alias = null;
        foreach (string line in listing.Split('\n'))
        {
            if (line.StartsWith("Alias name: ", StringComparison.Ordinal))
            {
                alias = line["Alias name: ".Length..].Trim();
            }
            else if (alias is not null && line.Trim().StartsWith("SHA256: ", StringComparison.Ordinal))
            {
                result.TryAdd(alias, line.Trim()["SHA256: ".Length..]);
            }
        }

        return result;
    }

    /// <summary>"sha256 Fingerprint=AB:CD..." from <c>openssl x509 -fingerprint -sha256</c>, as uppercase hex.</summary>
    public static string OpensslFingerprint(string output) => FingerprintRegex().Match(output).Groups[1].Value.ToUpperInvariant();

    [GeneratedRegex("Fingerprint=([0-9A-Fa-f:]+)")]
    private static partial Regex FingerprintRegex();
}
