using System.Security.Authentication;

namespace SipSecurity.Server.Configuration;

/// <summary>
/// What the server asks of TLS clients: the seed's gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE values.
/// </summary>
public enum SipClientAuthentication
{
    /// <summary>No client certificate is asked for.</summary>
    Disabled,

    /// <summary>A certificate is asked for but not required; one that does not verify is treated as absent.</summary>
    Want,

    /// <summary>A certificate is required and must verify against the truststore, or the handshake fails.</summary>
    Enabled,

    /// <summary>As Disabled, and outgoing TLS does not verify servers either (accepted only with a warning).</summary>
    DisabledAll,
}

/// <summary>
/// The server's TLS settings (the seed's javax.net.ssl.* and gov.nist.javax.sip.TLS_* properties). The keystore
/// passwords are not part of this record: the store keeps them apart and never returns them to a cmdlet.
/// </summary>
public sealed record SipTlsConfiguration
{
    /// <summary>The JKS or PKCS#12 file with the server's key entry; null until configured.</summary>
    public string? KeyStorePath { get; init; }

    /// <summary>The key entry to serve; null: the only key entry of the keystore.</summary>
    public string? Alias { get; init; }

    /// <summary>The truststore; null: the keystore itself, as in JAIN-SIP.</summary>
    public string? TrustStorePath { get; init; }

    public SipClientAuthentication ClientAuthentication { get; init; } = SipClientAuthentication.Disabled;

    /// <summary>TLS 1.2 and 1.3 by default; older versions only when asked, with a warning.</summary>
    public SslProtocols Protocols { get; init; } = SslProtocols.Tls12 | SslProtocols.Tls13;

    /// <summary>IANA cipher suite names (TLS_AES_128_GCM_SHA256 ...); empty: the platform's defaults.</summary>
    public IReadOnlyList<string> CipherSuites { get; init; } = [];

    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether a keystore password is stored (the password itself never leaves the store through this record).</summary>
    public bool HasKeyStorePassword { get; init; }

    public bool HasTrustStorePassword { get; init; }

    /// <summary>The truststore actually used.</summary>
    public string? EffectiveTrustStorePath => TrustStorePath ?? KeyStorePath;
}
