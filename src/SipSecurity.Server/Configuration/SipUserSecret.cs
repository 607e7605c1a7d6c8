using SipSecurity.Server.Security.Digest;

namespace SipSecurity.Server.Configuration;

/// <summary>
/// What a user's hashes are made from: a password (held as a char array that
/// <see cref="Dispose"/> clears) or a ready A1 hash as found in a JBoss users.properties file.
/// </summary>
public sealed class SipUserSecret : IDisposable
{
    private readonly char[]? _password;

    private SipUserSecret(char[]? password, DigestAlgorithm algorithm, string? a1)
    {
        _password = password;
        A1Algorithm = algorithm;
        A1 = a1;
    }

    /// <summary>Takes ownership of <paramref name="password"/>; it is zeroed on dispose.</summary>
    public static SipUserSecret FromPassword(char[] password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length == 0)
        {
            throw new SipSecurityException("EmptyPassword", SipErrorKind.InvalidArgument, "The password is empty.");
        }

        return new SipUserSecret(password, default, null);
    }

    /// <summary>A ready A1 hash: the user can authenticate with this algorithm only.</summary>
    public static SipUserSecret FromA1(DigestAlgorithm algorithm, string a1, string userName)
    {
        if (!DigestHash.IsHexHash(algorithm, a1))
        {
            throw new SipSecurityException("InvalidA1Hash", SipErrorKind.InvalidArgument,
                $"The A1 hash for user '{NameRules.Printable(userName)}' is not a {DigestHash.HexLength(algorithm)}-character hexadecimal {algorithm.ToToken()} digest.", userName);
        }

        return new SipUserSecret(null, algorithm, a1.ToLowerInvariant());
    }

    public bool IsPassword => _password is not null;

    public DigestAlgorithm A1Algorithm { get; }

    public string? A1 { get; }

    /// <summary>The A1 hashes to store for this user in this realm.</summary>
    public Dictionary<DigestAlgorithm, string> ComputeA1(string userName, string realm)
    {
        if (_password is null)
        {
            return new Dictionary<DigestAlgorithm, string> { [A1Algorithm] = A1! };
        }

        var hashes = new Dictionary<DigestAlgorithm, string>();
        foreach (var algorithm in Enum.GetValues<DigestAlgorithm>())
        {
            hashes[algorithm] = DigestHash.ComputeA1(algorithm, userName, realm, _password);
        }

        return hashes;
    }

    public void Dispose()
    {
        if (_password is not null)
        {
            Array.Clear(_password);
        }
    }
}
