using SipSecurity.Server.Security.Tls;

namespace SipSecurity.Server.Configuration;

/// <summary>
/// The TLS configuration as Get-SipTlsConfiguration shows it: the settings, whether each password is stored (never
/// the password), and the served certificate when the keystore opens with the stored password.
/// </summary>
public sealed record SipTlsConfigurationInfo
{
    public string? KeyStorePath { get; init; }

    public string? Alias { get; init; }

    public string? TrustStorePath { get; init; }

    /// <summary>The truststore actually used: <see cref="TrustStorePath"/>, else the keystore.</summary>
    public string? EffectiveTrustStorePath { get; init; }

    public SipClientAuthentication ClientAuthentication { get; init; }

    public IReadOnlyList<SipTlsProtocol> Protocols { get; init; } = [];

    /// <summary>Empty: the platform's defaults.</summary>
    public IReadOnlyList<string> CipherSuites { get; init; } = [];

    public TimeSpan HandshakeTimeout { get; init; }

    public bool HasKeyStorePassword { get; init; }

    public bool HasTrustStorePassword { get; init; }

    /// <summary>The served certificate; null when no keystore is configured or it does not open.</summary>
    public SipTlsCertificateSummary? Certificate { get; init; }

    /// <summary>Why the certificate cannot be served ("ErrorId: message"), or null when it can.</summary>
    public string? Problem { get; init; }

    /// <summary>True when a keystore is configured.</summary>
    public bool IsConfigured => KeyStorePath is not null;

    internal static SipTlsConfigurationInfo From(SipTlsConfiguration configuration, SipTlsCertificateSummary? certificate, string? problem) => new()
    {
        KeyStorePath = configuration.KeyStorePath,
        Alias = configuration.Alias,
        TrustStorePath = configuration.TrustStorePath,
        EffectiveTrustStorePath = configuration.EffectiveTrustStorePath,
        ClientAuthentication = configuration.ClientAuthentication,
        Protocols = SipTlsProtocols.FromSslProtocols(configuration.Protocols),
        CipherSuites = configuration.CipherSuites,
        HandshakeTimeout = configuration.HandshakeTimeout,
        HasKeyStorePassword = configuration.HasKeyStorePassword,
        HasTrustStorePassword = configuration.HasTrustStorePassword,
        Certificate = certificate,
        Problem = problem,
    };
}
