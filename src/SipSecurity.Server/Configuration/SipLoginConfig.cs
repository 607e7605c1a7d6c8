using SipSecurity.Server.Security.Digest;

namespace SipSecurity.Server.Configuration;

/// <summary>How requests under a constraint authenticate (sip.xml auth-method).</summary>
public enum SipAuthMethod
{
    Digest,
    ClientCert,
}

/// <summary>The login-config of sip.xml: method, realm and the digest algorithms offered, in order.</summary>
public sealed record SipLoginConfig
{
    /// <summary>The realm a new store has: the seed's JBoss realm.</summary>
    public const string DefaultRealm = "sip-servlets";

    public SipAuthMethod AuthMethod { get; init; } = SipAuthMethod.Digest;

    public string Realm { get; init; } = DefaultRealm;

    /// <summary>
    /// Challenges are offered in this order. MD5 first by default because many deployed phones
    /// answer the first challenge they see and fail on SHA-256 (see DESIGN.md).
    /// </summary>
    public IReadOnlyList<DigestAlgorithm> Algorithms { get; init; } = [DigestAlgorithm.MD5, DigestAlgorithm.SHA256];
}
