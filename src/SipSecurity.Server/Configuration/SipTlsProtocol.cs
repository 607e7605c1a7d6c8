using System.Security.Authentication;

namespace SipSecurity.Server.Configuration;

/// <summary>A TLS version the server may negotiate, named as operators write them (TLS 1.0 is "Tls10").</summary>
public enum SipTlsProtocol
{
    /// <summary>TLS 1.0 (RFC 2246): deprecated by RFC 8996; accepted only with a warning.</summary>
    Tls10,

    /// <summary>TLS 1.1 (RFC 4346): deprecated by RFC 8996; accepted only with a warning.</summary>
    Tls11,

    /// <summary>TLS 1.2 (RFC 5246).</summary>
    Tls12,

    /// <summary>TLS 1.3 (RFC 8446).</summary>
    Tls13,
}

/// <summary>Converts between <see cref="SipTlsProtocol"/> lists and the <see cref="SslProtocols"/> flags SslStream takes.</summary>
public static class SipTlsProtocols
{
    // SslProtocols.Tls and Tls11 are obsolete (SYSLIB0039) precisely because they are weak; naming their values
    // here is how an operator's explicit, warned-about choice reaches SslStream.
    private const SslProtocols Tls10Flag = (SslProtocols)0x00C0;
    private const SslProtocols Tls11Flag = (SslProtocols)0x0300;

    private static readonly (SipTlsProtocol Protocol, SslProtocols Flag)[] s_map =
    [
        (SipTlsProtocol.Tls10, Tls10Flag),
        (SipTlsProtocol.Tls11, Tls11Flag),
        (SipTlsProtocol.Tls12, SslProtocols.Tls12),
        (SipTlsProtocol.Tls13, SslProtocols.Tls13),
    ];

    /// <summary>Every flag this server can be configured with.</summary>
#pragma warning disable CA5397 // Old versions are configurable on purpose, with a warning (SipTlsRules.Warnings).
    public static SslProtocols Supported => Tls10Flag | Tls11Flag | SslProtocols.Tls12 | SslProtocols.Tls13;
#pragma warning restore CA5397

    /// <summary>The flags of <paramref name="protocols"/>.</summary>
    public static SslProtocols ToSslProtocols(IEnumerable<SipTlsProtocol> protocols)
    {
        ArgumentNullException.ThrowIfNull(protocols);
        var flags = SslProtocols.None;
        foreach (var protocol in protocols)
        {
            flags |= s_map.Single(m => m.Protocol == protocol).Flag;
        }

        return flags;
    }

    /// <summary>The versions set in <paramref name="flags"/>, oldest first; flags outside <see cref="Supported"/> are ignored.</summary>
    public static IReadOnlyList<SipTlsProtocol> FromSslProtocols(SslProtocols flags) =>
        s_map.Where(m => (flags & m.Flag) == m.Flag).Select(m => m.Protocol).ToArray();

    /// <summary>"Tls12, Tls13", for messages and -WhatIf.</summary>
    public static string Format(SslProtocols flags) => string.Join(", ", FromSslProtocols(flags));
}
