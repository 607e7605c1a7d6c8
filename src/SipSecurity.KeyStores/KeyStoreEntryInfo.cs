using System.Security.Cryptography.X509Certificates;

namespace SipSecurity.KeyStores;

/// <summary>
/// One keystore entry as <c>keytool -list -v</c> shows it. Describes the entry's first certificate (the leaf of a
/// key entry's chain); holds no private key material.
/// </summary>
public sealed class KeyStoreEntryInfo
{
    internal KeyStoreEntryInfo(string alias, KeyEntryType entryType, X509Certificate2 certificate, int chainLength)
    {
        Alias = alias;
        EntryType = entryType;
        Certificate = certificate;
        ChainLength = chainLength;
    }

    /// <summary>The entry's name in the store.</summary>
    public string Alias { get; }

    /// <summary>PrivateKey or TrustedCertificate.</summary>
    public KeyEntryType EntryType { get; }

    /// <summary>Subject as keytool prints it, most specific first: "CN=..., OU=..., ST=..., C=US".</summary>
    public required string Subject { get; init; }

    /// <summary>Issuer, in the same form as <see cref="Subject"/>.</summary>
    public required string Issuer { get; init; }

    /// <summary>Serial number as lowercase hex without leading zeros, as keytool prints it.</summary>
    public required string SerialNumber { get; init; }

    /// <summary>Start of validity (UTC).</summary>
    public required DateTimeOffset NotBefore { get; init; }

    /// <summary>End of validity (UTC).</summary>
    public required DateTimeOffset NotAfter { get; init; }

    /// <summary>"RSA" or "EC" (or the algorithm name of another key type).</summary>
    public required string KeyAlgorithm { get; init; }

    /// <summary>RSA modulus bits, or the EC field size in bits.</summary>
    public required int KeySize { get; init; }

    /// <summary>The named curve of an EC key ("P-256", "P-384", "P-521" or the curve's name); null for RSA.</summary>
    public string? Curve { get; init; }

    /// <summary>The certificate's signature algorithm in Java's naming, e.g. "SHA256withRSA".</summary>
    public required string SignatureAlgorithm { get; init; }

    /// <summary>Subject alternative names as "DNS:name", "IP:address", "email:...", "URI:...".</summary>
    public required IReadOnlyList<string> SubjectAlternativeNames { get; init; }

    /// <summary>SHA-1 fingerprint of the DER certificate, colon-separated uppercase hex, as keytool prints it.</summary>
    public required string Sha1Fingerprint { get; init; }

    /// <summary>SHA-256 fingerprint of the DER certificate, colon-separated uppercase hex, as keytool prints it.</summary>
    public required string Sha256Fingerprint { get; init; }

    /// <summary>Certificates in the entry's chain (1 for a trusted certificate or a self-signed key entry).</summary>
    public int ChainLength { get; }

    /// <summary>True when subject equals issuer.</summary>
    public required bool IsSelfSigned { get; init; }

    /// <summary>When the entry was stored (JKS records it; PKCS#12 does not, so null).</summary>
    public DateTimeOffset? CreationDate { get; init; }

    /// <summary>The entry's first certificate, for callers that want the .NET type; public key only.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>True when <paramref name="now"/> is after <see cref="NotAfter"/>.</summary>
    public bool IsExpired(DateTimeOffset now) => now > NotAfter;

    /// <summary>True when the certificate expires before <paramref name="now"/> + <paramref name="window"/> (e.g. the 30-day warning).</summary>
    public bool ExpiresWithin(TimeSpan window, DateTimeOffset now) => NotAfter < now + window;

    /// <inheritdoc />
    public override string ToString() => $"{Alias} ({EntryType}) {Subject}";
}
