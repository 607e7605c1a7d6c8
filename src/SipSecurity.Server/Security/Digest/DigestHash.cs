using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Digests;

namespace SipSecurity.Server.Security.Digest;

/// <summary>
/// The digest computations of RFC 2617 §3.2.2 and RFC 7616 §3.4: A1, A2 and the response, as lowercase hex.
/// Inputs are encoded as UTF-8, which is what the seed's RFC2617Digest tool does.
/// </summary>
public static class DigestHash
{
    /// <summary>Length in hex characters of a hash of the given algorithm.</summary>
    public static int HexLength(DigestAlgorithm algorithm) => algorithm == DigestAlgorithm.MD5 ? 32 : 64;

    /// <summary>H(username ":" realm ":" password) — the "A1 hash" stored instead of the password.</summary>
    public static string ComputeA1(DigestAlgorithm algorithm, string userName, string realm, ReadOnlySpan<char> password)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(realm);
        var prefix = userName + ":" + realm + ":";
        var length = Encoding.UTF8.GetByteCount(prefix) + Encoding.UTF8.GetByteCount(password);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = Encoding.UTF8.GetBytes(prefix, buffer);
            written += Encoding.UTF8.GetBytes(password, buffer.AsSpan(written));
            return Hex(algorithm, buffer.AsSpan(0, written));
        }
        finally
        {
            // The buffer held the password.
            CryptographicOperations.ZeroMemory(buffer.AsSpan(0, length));
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>H(method ":" digest-uri) for qop=auth (RFC 7616 §3.4.3).</summary>
    public static string ComputeA2(DigestAlgorithm algorithm, string method, string digestUri) =>
        Hex(algorithm, method + ":" + digestUri);

    /// <summary>
    /// The request-digest (RFC 7616 §3.4.1). With <paramref name="qop"/> null this is the RFC 2069
    /// form H(HA1:nonce:HA2) that RFC 2617 keeps for compatibility.
    /// </summary>
    public static string ComputeResponse(DigestAlgorithm algorithm, string ha1, string nonce, string? nonceCount, string? cnonce, string? qop, string ha2)
    {
        var text = qop is null
            ? string.Concat(ha1, ":", nonce, ":", ha2)
            : string.Join(':', ha1, nonce, nonceCount, cnonce, qop, ha2);
        return Hex(algorithm, text);
    }

    /// <summary>Compares two hex digests in constant time, case-insensitively.</summary>
    public static bool FixedTimeEqualsHex(ReadOnlySpan<char> expected, ReadOnlySpan<char> actual)
    {
        if (expected.Length != actual.Length || expected.Length > 128)
        {
            return false;
        }

        Span<byte> a = stackalloc byte[expected.Length];
        Span<byte> b = stackalloc byte[actual.Length];
        for (var i = 0; i < expected.Length; i++)
        {
            // ASCII lower-casing by OR 0x20 is branch-free; non-hex input then simply fails to match.
            a[i] = (byte)(expected[i] | 0x20);
            b[i] = (byte)(actual[i] | 0x20);
        }

        return CryptographicOperations.FixedTimeEquals(a, b);
    }

    /// <summary>True when the text is a lowercase or uppercase hex string of the algorithm's length.</summary>
    public static bool IsHexHash(DigestAlgorithm algorithm, string? text)
    {
        if (text is null || text.Length != HexLength(algorithm))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string Hex(DigestAlgorithm algorithm, string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        Span<byte> bytes = length <= 512 ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(text, bytes);
        return Hex(algorithm, bytes);
    }

    private static string Hex(DigestAlgorithm algorithm, ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[32];
        int size;
        switch (algorithm)
        {
            case DigestAlgorithm.MD5:
                // MD5 is required by RFC 2617 interoperability, not used for anything else.
#pragma warning disable CA5351
                size = MD5.HashData(data, hash);
#pragma warning restore CA5351
                break;
            case DigestAlgorithm.SHA256:
                size = SHA256.HashData(data, hash);
                break;
            case DigestAlgorithm.SHA512_256:
                size = Sha512_256(data, hash);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(algorithm));
        }

        return Convert.ToHexStringLower(hash[..size]);
    }

    private static int Sha512_256(ReadOnlySpan<byte> data, Span<byte> hash)
    {
        // .NET has no SHA-512/256; it is not SHA-512 truncated (different initial values).
        var digest = new Sha512tDigest(256);
        digest.BlockUpdate(data);
        return digest.DoFinal(hash);
    }
}
