using System.Net;

namespace SipSecurity.KeyStores;

/// <summary>What <c>keytool -genkeypair</c> asks for: key algorithm and size, subject, validity and SANs.</summary>
public sealed class SelfSignedCertificateOptions
{
    /// <summary>The smallest RSA key size accepted without <see cref="AllowWeakKey"/>.</summary>
    public const int MinimumStrongRsaKeySize = 2048;

    /// <summary>The X.500 subject in keytool <c>-dname</c> form, e.g. "CN=James Smith, OU=Engineering, O=My Company, L=My City, S=My State, C=US".</summary>
    public required string Subject { get; init; }

    /// <summary>RSA (default) or EC.</summary>
    public KeyAlgorithm Algorithm { get; init; } = KeyAlgorithm.Rsa;

    /// <summary>RSA modulus size in bits: 2048 (default), 3072 or 4096; below 2048 only with <see cref="AllowWeakKey"/>.</summary>
    public int RsaKeySize { get; init; } = MinimumStrongRsaKeySize;

    /// <summary>The curve of an EC key; P-256 by default.</summary>
    public EcCurve Curve { get; init; } = EcCurve.P256;

    /// <summary>Days from <see cref="NotBefore"/> to expiry; keytool's seed example uses 365.</summary>
    public int ValidityDays { get; init; } = 365;

    /// <summary>Start of validity; now when not set.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>DNS names for the SubjectAlternativeName extension (TLS clients check these, not the CN).</summary>
    public IReadOnlyList<string> DnsNames { get; init; } = [];

    /// <summary>IP addresses for the SubjectAlternativeName extension.</summary>
    public IReadOnlyList<IPAddress> IPAddresses { get; init; } = [];

    /// <summary>Accept RSA keys below 2048 bits (the seed's 1024); the caller should warn.</summary>
    public bool AllowWeakKey { get; init; }

    /// <summary>True when these options ask for an RSA key below <see cref="MinimumStrongRsaKeySize"/>.</summary>
    public bool IsWeak => Algorithm == KeyAlgorithm.Rsa && RsaKeySize < MinimumStrongRsaKeySize;
}
