namespace SipSecurity.KeyStores;

/// <summary>Named elliptic curves offered for generated EC keys.</summary>
public enum EcCurve
{
    /// <summary>NIST P-256 (secp256r1), signed with SHA-256.</summary>
    P256,

    /// <summary>NIST P-384 (secp384r1), signed with SHA-384.</summary>
    P384,
}
