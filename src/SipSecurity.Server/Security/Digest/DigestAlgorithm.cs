namespace SipSecurity.Server.Security.Digest;

/// <summary>Digest hash algorithms (RFC 7616 §3.1, RFC 8760). Session variants are not offered.</summary>
public enum DigestAlgorithm
{
    /// <summary>MD5 (RFC 2617): what deployed phones and the seed's JBoss realm use.</summary>
    MD5,
    /// <summary>SHA-256 (RFC 7616, RFC 8760).</summary>
    SHA256,
    /// <summary>SHA-512/256 (FIPS 180-4 truncated SHA-512 with its own IV; RFC 7616, RFC 8760).</summary>
    SHA512_256,
}

/// <summary>Conversion between <see cref="DigestAlgorithm"/> and the tokens used on the wire.</summary>
public static class DigestAlgorithmNames
{
    /// <summary>The token as it appears in the algorithm parameter (RFC 7616 §6.1).</summary>
    public static string ToToken(this DigestAlgorithm algorithm) => algorithm switch
    {
        DigestAlgorithm.MD5 => "MD5",
        DigestAlgorithm.SHA256 => "SHA-256",
        DigestAlgorithm.SHA512_256 => "SHA-512-256",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>Parses a wire token or an enum name, case-insensitively. Unknown names are refused, never downgraded.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DigestAlgorithm algorithm)
    {
        text = text.Trim();
        if (text.Equals("MD5", StringComparison.OrdinalIgnoreCase))
        {
            algorithm = DigestAlgorithm.MD5;
            return true;
        }

        if (text.Equals("SHA-256", StringComparison.OrdinalIgnoreCase) || text.Equals("SHA256", StringComparison.OrdinalIgnoreCase))
        {
            algorithm = DigestAlgorithm.SHA256;
            return true;
        }

        if (text.Equals("SHA-512-256", StringComparison.OrdinalIgnoreCase) || text.Equals("SHA512_256", StringComparison.OrdinalIgnoreCase)
            || text.Equals("SHA-512/256", StringComparison.OrdinalIgnoreCase))
        {
            algorithm = DigestAlgorithm.SHA512_256;
            return true;
        }

        algorithm = default;
        return false;
    }
}
