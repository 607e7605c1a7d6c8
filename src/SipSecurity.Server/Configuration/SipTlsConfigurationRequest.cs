namespace SipSecurity.Server.Configuration;

/// <summary>
/// A change to the TLS configuration: null keeps the stored value; for <see cref="Alias"/> and
/// <see cref="TrustStorePath"/> an empty string removes it (serve the only key entry; trust the keystore). The
/// password arrays belong to the caller, who clears them after the call; they are never copied into a string.
/// </summary>
public sealed class SipTlsConfigurationRequest
{
    /// <summary>A full path.</summary>
    public string? KeyStorePath { get; init; }

    public string? Alias { get; init; }

    /// <summary>A full path, or empty to use the keystore as truststore.</summary>
    public string? TrustStorePath { get; init; }

    public SipClientAuthentication? ClientAuthentication { get; init; }

    public IReadOnlyList<SipTlsProtocol>? Protocols { get; init; }

    /// <summary>IANA names; empty: the platform's defaults.</summary>
    public IReadOnlyList<string>? CipherSuites { get; init; }

    public TimeSpan? HandshakeTimeout { get; init; }

    /// <summary>Replaces the stored keystore password; null keeps it (and validates with it).</summary>
    public char[]? KeyStorePassword { get; init; }

    /// <summary>Replaces the stored truststore password; null keeps it.</summary>
    public char[]? TrustStorePassword { get; init; }

    /// <summary>Store the configuration even though the certificate is expired or not yet valid.</summary>
    public bool Force { get; init; }
}
