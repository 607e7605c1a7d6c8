using SipSecurity.Server.Security.Digest;

namespace SipSecurity.Server.Configuration;

/// <summary>
/// The stored A1 hashes of one user, for the security engine and for exports that ask for credentials.
/// ToString never shows them.
/// </summary>
public sealed class SipUserCredentials
{
    private readonly Dictionary<DigestAlgorithm, string> _a1;

    public SipUserCredentials(string name, string realm, bool enabled, IReadOnlyDictionary<DigestAlgorithm, string> a1)
    {
        Name = name;
        Realm = realm;
        Enabled = enabled;
        _a1 = new Dictionary<DigestAlgorithm, string>(a1);
    }

    public string Name { get; }

    public string Realm { get; }

    public bool Enabled { get; }

    public IEnumerable<DigestAlgorithm> Algorithms => _a1.Keys.Order();

    /// <summary>The A1 hash (lowercase hex) for the algorithm, or null when none is stored.</summary>
    public string? GetA1(DigestAlgorithm algorithm) => _a1.TryGetValue(algorithm, out var value) ? value : null;

    public override string ToString() => $"{Name} ({string.Join(", ", Algorithms.Select(a => a.ToToken()))})";
}
