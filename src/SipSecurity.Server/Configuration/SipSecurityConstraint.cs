namespace SipSecurity.Server.Configuration;

/// <summary>sip.xml user-data-constraint/transport-guarantee.</summary>
public enum SipTransportGuarantee
{
    None,
    Confidential,
}

/// <summary>
/// A sip.xml security-constraint: requests for these servlets and methods must come from an
/// authenticated user holding one of the roles. No methods means every method; role "*" means any
/// authenticated user.
/// </summary>
public sealed record SipSecurityConstraint
{
    public required string Name { get; init; }

    public IReadOnlyList<string> Servlets { get; init; } = [];

    public IReadOnlyList<string> Methods { get; init; } = [];

    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>Challenge with 407/Proxy-Authenticate instead of 401/WWW-Authenticate.</summary>
    public bool ProxyAuthentication { get; init; }

    public SipTransportGuarantee TransportGuarantee { get; init; } = SipTransportGuarantee.None;
}
