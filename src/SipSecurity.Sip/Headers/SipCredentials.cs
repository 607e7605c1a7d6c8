using System.Text;
using SipSecurity.Sip.Parsing;

namespace SipSecurity.Sip.Headers;

/// <summary>
/// Authorization / Proxy-Authorization credentials (RFC 3261 §20.7, §22.4; RFC 7616; RFC 8760). Digest fields are raw
/// bytes over the message (quoted-string escapes removed), ready for hashing without string copies; empty when absent.
/// Decode with <see cref="Encoding.UTF8"/> only where text is needed. Never log <see cref="Response"/>.
/// </summary>
public sealed class SipCredentials
{
    /// <summary>"Digest" (this very instance when the scheme matches case-insensitively).</summary>
    public const string DigestScheme = "Digest";

    private SipCredentials(string scheme, ReadOnlyMemory<byte> value)
    {
        Scheme = scheme;
        RawValue = value;
    }

    /// <summary>The auth-scheme; <see cref="DigestScheme"/> for digest.</summary>
    public string Scheme { get; }

    /// <summary>Whether the scheme is Digest; otherwise only <see cref="Scheme"/>, <see cref="RawValue"/> and <see cref="GetParameter"/> apply (RFC 4475 §3.3.7).</summary>
    public bool IsDigest => ReferenceEquals(Scheme, DigestScheme);

    /// <summary>The whole header value as received.</summary>
    public ReadOnlyMemory<byte> RawValue { get; }

#pragma warning disable CS1591 // Each property is the digest parameter of the same name (RFC 7616 §3.4).
    public ReadOnlyMemory<byte> Username { get; private set; }

    public ReadOnlyMemory<byte> Realm { get; private set; }

    public ReadOnlyMemory<byte> Nonce { get; private set; }

    public ReadOnlyMemory<byte> Uri { get; private set; }

    public ReadOnlyMemory<byte> Response { get; private set; }

    public ReadOnlyMemory<byte> Algorithm { get; private set; }

    public ReadOnlyMemory<byte> CNonce { get; private set; }

    public ReadOnlyMemory<byte> Opaque { get; private set; }

    public ReadOnlyMemory<byte> Qop { get; private set; }

    /// <summary>The nc parameter: 8 hex digits (RFC 7616 §3.4).</summary>
    public ReadOnlyMemory<byte> NonceCount { get; private set; }

    /// <summary>userhash=true: <see cref="Username"/> is the hashed user name (RFC 7616 §3.4.4).</summary>
    public bool UserHash { get; private set; }
#pragma warning restore CS1591

    /// <summary>Any auth-param by name (case-insensitive), unescaped; null when absent.</summary>
    public ReadOnlyMemory<byte>? GetParameter(string name)
    {
        var reader = new AuthParamReader(RawValue.Span, "Authorization");
        while (reader.Next(out var n, out var v, out var quoted))
        {
            if (Ascii.EqualsIgnoreCase(reader.Slice(n), name))
            {
                var raw = RawValue[v];
                return quoted ? ValueReader.Unescape(raw) : raw;
            }
        }

        return null;
    }

    /// <summary>Parses a credentials value; <paramref name="header"/> names the field in errors.</summary>
    public static SipCredentials Parse(ReadOnlyMemory<byte> value, string header)
    {
        var reader = new AuthParamReader(value.Span, header);
        var schemeBytes = reader.Slice(reader.Scheme);
        var isDigest = Ascii.EqualsIgnoreCase(schemeBytes, "Digest"u8);
        var result = new SipCredentials(isDigest ? DigestScheme : Encoding.ASCII.GetString(schemeBytes), value);
        var seen = 0;
        while (reader.Next(out var n, out var v, out var quoted))
        {
            if (!isDigest)
            {
                continue;
            }

            var bit = result.Assign(reader.Slice(n), quoted ? ValueReader.Unescape(value[v]) : value[v]);

            // RFC 7616 §3.4: each directive at most once; a repeat could smuggle a second response past a check.
            if ((seen & bit) != 0)
            {
                throw reader.Error("repeated parameter");
            }

            seen |= bit;
        }

        return result;
    }

    private int Assign(ReadOnlySpan<byte> name, ReadOnlyMemory<byte> v)
    {
        switch (name.Length)
        {
            case 2 when Ascii.EqualsIgnoreCase(name, "nc"u8): NonceCount = v; return 1;
            case 3 when Ascii.EqualsIgnoreCase(name, "uri"u8): Uri = v; return 2;
            case 3 when Ascii.EqualsIgnoreCase(name, "qop"u8): Qop = v; return 4;
            case 5 when Ascii.EqualsIgnoreCase(name, "realm"u8): Realm = v; return 8;
            case 5 when Ascii.EqualsIgnoreCase(name, "nonce"u8): Nonce = v; return 16;
            case 6 when Ascii.EqualsIgnoreCase(name, "cnonce"u8): CNonce = v; return 32;
            case 6 when Ascii.EqualsIgnoreCase(name, "opaque"u8): Opaque = v; return 64;
            case 8 when Ascii.EqualsIgnoreCase(name, "username"u8): Username = v; return 128;
            case 8 when Ascii.EqualsIgnoreCase(name, "response"u8): Response = v; return 256;
            case 8 when Ascii.EqualsIgnoreCase(name, "userhash"u8): UserHash = Ascii.EqualsIgnoreCase(v.Span, "true"u8); return 512;
            case 9 when Ascii.EqualsIgnoreCase(name, "algorithm"u8): Algorithm = v; return 1024;
            default: return 0;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => IsDigest ? $"Digest username=\"{Encoding.UTF8.GetString(Username.Span)}\", realm=\"{Encoding.UTF8.GetString(Realm.Span)}\"" : Scheme;
}
