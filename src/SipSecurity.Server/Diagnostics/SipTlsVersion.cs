using System.Security.Authentication;

namespace SipSecurity.Server.Diagnostics;

/// <summary>A TLS protocol version the probe may offer (openssl s_client's -tls1_1, -tls1_2, -tls1_3).</summary>
public enum SipTlsVersion
{
    /// <summary>TLS 1.0 (RFC 2246); obsolete, for probing old servers only.</summary>
    Tls10,

    /// <summary>TLS 1.1 (RFC 4346); obsolete, for probing old servers only.</summary>
    Tls11,

    /// <summary>TLS 1.2 (RFC 5246).</summary>
    Tls12,

    /// <summary>TLS 1.3 (RFC 8446).</summary>
    Tls13,
}

/// <summary>Maps <see cref="SipTlsVersion"/> values onto <see cref="SslProtocols"/> flags.</summary>
public static class SipTlsVersions
{
    /// <summary>The flags for SslStream; an empty list means TLS 1.2 and 1.3.</summary>
    public static SslProtocols ToSslProtocols(IEnumerable<SipTlsVersion>? versions)
    {
        var protocols = SslProtocols.None;
        foreach (var version in versions ?? [])
        {
            protocols |= version switch
            {
                // A diagnostic tool must be able to offer the obsolete versions to show that a server refuses them.
#pragma warning disable SYSLIB0039, CA5397
                SipTlsVersion.Tls10 => SslProtocols.Tls,
                SipTlsVersion.Tls11 => SslProtocols.Tls11,
#pragma warning restore SYSLIB0039, CA5397
                SipTlsVersion.Tls12 => SslProtocols.Tls12,
                SipTlsVersion.Tls13 => SslProtocols.Tls13,
                _ => throw new ArgumentOutOfRangeException(nameof(versions), version, "Unknown TLS version."),
            };
        }

        return protocols == SslProtocols.None ? SslProtocols.Tls12 | SslProtocols.Tls13 : protocols;
    }
}
