using System.Globalization;
using System.Net.Security;
using System.Security.Authentication;

namespace SipSecurity.Server.Configuration;

/// <summary>
/// What a <see cref="SipTlsConfiguration"/> must satisfy before it is stored (checks that need no file), and the
/// warnings an operator must see for weak but accepted choices.
/// </summary>
public static class SipTlsRules
{
    /// <summary>Shortest handshake timeout accepted.</summary>
    public static readonly TimeSpan MinHandshakeTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Longest handshake timeout accepted.</summary>
    public static readonly TimeSpan MaxHandshakeTimeout = TimeSpan.FromSeconds(120);

    /// <summary>A certificate expiring within this window is accepted with a warning.</summary>
    public static readonly TimeSpan ExpiryWarningWindow = TimeSpan.FromDays(30);

    private static readonly Dictionary<string, string> s_cipherSuites =
        Enum.GetNames<TlsCipherSuite>().ToDictionary(n => n, n => n, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Throws <see cref="SipSecurityException"/>: InvalidTlsSetting (paths not absolute, no protocol or one this
    /// server does not offer, handshake timeout out of range, a truststore password without a truststore) or
    /// UnknownCipherSuite.
    /// </summary>
    public static void Validate(SipTlsConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        RequireFullPath(configuration.KeyStorePath, "KeyStorePath");
        RequireFullPath(configuration.TrustStorePath, "TrustStorePath");
        if (configuration.TrustStorePath is not null && configuration.KeyStorePath is null)
        {
            throw Invalid("TrustStorePath", "A truststore needs a keystore: set the keystore too.");
        }

        if (configuration.Alias is { } alias && string.IsNullOrWhiteSpace(alias))
        {
            throw Invalid("Alias", "The alias must not be empty: leave it out to serve the keystore's only key entry.");
        }

        if (configuration.Protocols == SslProtocols.None || (configuration.Protocols & ~SipTlsProtocols.Supported) != 0)
        {
            throw Invalid("Protocols",
                $"The TLS protocols must be one or more of {string.Join(", ", Enum.GetNames<SipTlsProtocol>())}; SSL 2 and 3 are never offered.");
        }

        if (configuration.HandshakeTimeout < MinHandshakeTimeout || configuration.HandshakeTimeout > MaxHandshakeTimeout)
        {
            throw Invalid("HandshakeTimeout", string.Create(CultureInfo.InvariantCulture,
                $"The handshake timeout must be between {MinHandshakeTimeout.TotalSeconds} and {MaxHandshakeTimeout.TotalSeconds} seconds, not {configuration.HandshakeTimeout}."));
        }

        _ = CanonicalCipherSuites(configuration.CipherSuites);
    }

    /// <summary>
    /// The suites in their IANA spelling (as <see cref="TlsCipherSuite"/> names them), duplicates removed, order kept;
    /// throws UnknownCipherSuite for a name .NET does not know.
    /// </summary>
    public static IReadOnlyList<string> CanonicalCipherSuites(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var result = new List<string>();
        foreach (var name in names)
        {
            if (name is null || !s_cipherSuites.TryGetValue(name.Trim(), out var canonical))
            {
                throw new SipSecurityException("UnknownCipherSuite", SipErrorKind.InvalidArgument,
                    $"'{NameRules.Printable(name ?? string.Empty)}' is not a TLS cipher suite name. Use IANA names such as TLS_AES_128_GCM_SHA256 or TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256.", name);
            }

            if (!result.Contains(canonical, StringComparer.Ordinal))
            {
                result.Add(canonical);
            }
        }

        return result;
    }

    /// <summary>Warnings for accepted but weak settings: TLS 1.0/1.1, DisabledAll.</summary>
    public static IReadOnlyList<string> Warnings(SipTlsConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var warnings = new List<string>();
        var old = SipTlsProtocols.FromSslProtocols(configuration.Protocols).Where(p => p is SipTlsProtocol.Tls10 or SipTlsProtocol.Tls11).ToArray();
        if (old.Length > 0)
        {
            warnings.Add($"{string.Join(" and ", old)} {(old.Length == 1 ? "is" : "are")} enabled: RFC 8996 deprecates TLS 1.0 and 1.1. Enable them only for phones that cannot do TLS 1.2.");
        }

        if (configuration.ClientAuthentication == SipClientAuthentication.DisabledAll)
        {
            warnings.Add("ClientAuthentication DisabledAll: client certificates are not asked for, and outgoing TLS connections will not verify the server they reach.");
        }

        return warnings;
    }

    private static void RequireFullPath(string? path, string setting)
    {
        if (path is not null && (path.Length == 0 || !Path.IsPathFullyQualified(path)))
        {
            throw Invalid(setting, $"{setting} must be a full path (the server may run from any folder), not '{NameRules.Printable(path)}'.");
        }
    }

    private static SipSecurityException Invalid(string setting, string message) =>
        new("InvalidTlsSetting", SipErrorKind.InvalidArgument, message, setting);
}
