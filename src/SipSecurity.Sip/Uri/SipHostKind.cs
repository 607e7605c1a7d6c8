namespace SipSecurity.Sip.Uri;

/// <summary>What a host is (RFC 3261 §25.1 host = hostname / IPv4address / IPv6reference).</summary>
public enum SipHostKind
{
    /// <summary>A domain name.</summary>
    DomainName,

    /// <summary>A dotted-quad IPv4 address.</summary>
    IPv4,

    /// <summary>An IPv6 reference, written in brackets.</summary>
    IPv6,
}
