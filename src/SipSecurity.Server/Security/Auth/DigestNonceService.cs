using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace SipSecurity.Server.Security.Auth;

/// <summary>What a received nonce turned out to be.</summary>
internal enum NonceStatus
{
    /// <summary>Ours and within its lifetime.</summary>
    Valid,

    /// <summary>Ours but expired (or from a clock that went backwards): answer stale=true if the response is right.</summary>
    Stale,

    /// <summary>Not ours: forged, truncated or garbage.</summary>
    Invalid,
}

/// <summary>
/// Stateless, unforgeable nonces: base64url(8-byte issue time in Unix ms | 8-byte sequence number | first 16 bytes of
/// HMAC-SHA256(key, those 16 bytes)). Nothing is stored per challenge; the sequence number gives each nonce its slot in
/// the <see cref="NonceCountTracker"/>. The key is per process (or given), so a restart invalidates outstanding
/// nonces and clients simply get a new challenge.
/// </summary>
internal sealed class DigestNonceService
{
    private const int PayloadLength = 16;
    private const int MacLength = 16;
    private const int NonceLength = PayloadLength + MacLength;

    /// <summary>Length of the base64url text of a nonce (no padding).</summary>
    public const int EncodedLength = 43;

    // Clock steps are tolerated this far into the future before a nonce is treated as stale.
    private static readonly long FutureToleranceMs = 60_000;

    private readonly byte[] _key;
    private long _sequence;

    public DigestNonceService(byte[]? key)
    {
        if (key is not null && key.Length < 16)
        {
            throw new ArgumentException("The nonce key must be at least 16 bytes.", nameof(key));
        }

        _key = key is null ? RandomNumberGenerator.GetBytes(32) : (byte[])key.Clone();
    }

    /// <summary>The sequence number of the newest nonce issued.</summary>
    public long Newest => Volatile.Read(ref _sequence);

    /// <summary>The sequence number inside a nonce id from <see cref="Check"/>.</summary>
    public static long SequenceOf(UInt128 id) => (long)(ulong)id;

    public string Create(DateTimeOffset now)
    {
        Span<byte> nonce = stackalloc byte[NonceLength];
        BinaryPrimitives.WriteInt64BigEndian(nonce, now.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteInt64BigEndian(nonce.Slice(8, 8), Interlocked.Increment(ref _sequence));
        Mac(nonce[..PayloadLength], nonce[PayloadLength..]);
        return Base64Url.EncodeToString(nonce);
    }

    /// <summary>
    /// Checks a nonce as received. <paramref name="id"/> identifies it for nonce-count tracking and
    /// <paramref name="issuedMs"/> is its issue time; both are meaningful unless the result is <see cref="NonceStatus.Invalid"/>.
    /// </summary>
    public NonceStatus Check(ReadOnlySpan<byte> text, DateTimeOffset now, TimeSpan lifetime, out UInt128 id, out long issuedMs)
    {
        id = default;
        issuedMs = 0;
        if (text.Length != EncodedLength)
        {
            return NonceStatus.Invalid;
        }

        Span<byte> nonce = stackalloc byte[NonceLength];
        var status = Base64Url.DecodeFromUtf8(text, nonce, out var consumed, out var written);
        if (status != OperationStatus.Done || consumed != EncodedLength || written != NonceLength)
        {
            return NonceStatus.Invalid;
        }

        Span<byte> expected = stackalloc byte[MacLength];
        Mac(nonce[..PayloadLength], expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, nonce[PayloadLength..]))
        {
            return NonceStatus.Invalid;
        }

        id = BinaryPrimitives.ReadUInt128BigEndian(nonce);
        issuedMs = BinaryPrimitives.ReadInt64BigEndian(nonce);
        var nowMs = now.ToUnixTimeMilliseconds();
        var age = nowMs - issuedMs;

        // RFC 7616 §3.3: an expired nonce with otherwise valid credentials gets stale=true.
        return age > (long)lifetime.TotalMilliseconds || age < -FutureToleranceMs ? NonceStatus.Stale : NonceStatus.Valid;
    }

    private void Mac(ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        Span<byte> full = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, payload, full);
        full[..MacLength].CopyTo(destination);
    }
}
