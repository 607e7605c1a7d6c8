using SipSecurity.KeyStores;

namespace SipSecurity.Server.Security.Tls;

/// <summary>The served certificate as an operator checks it: whose it is, and for how long it is valid.</summary>
public sealed record SipTlsCertificateSummary
{
    /// <summary>The key entry's alias in the keystore.</summary>
    public required string Alias { get; init; }

    /// <summary>Subject as keytool prints it: "CN=..., OU=..., C=US".</summary>
    public required string Subject { get; init; }

    public required string Issuer { get; init; }

    /// <summary>"DNS:name" and "IP:address" entries; TLS clients check these, not the CN.</summary>
    public required IReadOnlyList<string> SubjectAlternativeNames { get; init; }

    public required DateTimeOffset NotBefore { get; init; }

    public required DateTimeOffset NotAfter { get; init; }

    /// <summary>Whole days from the moment of the check to <see cref="NotAfter"/>; negative once expired.</summary>
    public required int DaysLeft { get; init; }

    public required string Sha256Fingerprint { get; init; }

    /// <summary>Certificates in the entry's chain, the leaf included.</summary>
    public required int ChainLength { get; init; }

    internal static SipTlsCertificateSummary From(KeyStoreEntryInfo entry, DateTimeOffset now) => new()
    {
        Alias = entry.Alias,
        Subject = entry.Subject,
        Issuer = entry.Issuer,
        SubjectAlternativeNames = entry.SubjectAlternativeNames,
        NotBefore = entry.NotBefore,
        NotAfter = entry.NotAfter,
        DaysLeft = (int)Math.Floor((entry.NotAfter - now).TotalDays),
        Sha256Fingerprint = entry.Sha256Fingerprint,
        ChainLength = entry.ChainLength,
    };

    /// <inheritdoc />
    public override string ToString() => $"{Subject} (until {NotAfter:u})";
}
