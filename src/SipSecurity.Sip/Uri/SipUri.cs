using System.Text;
using SipSecurity.Sip.Headers;

namespace SipSecurity.Sip.Uri;

/// <summary>
/// A parsed URI: sip/sips (RFC 3261 §19.1), tel (RFC 3966), or any other absolute URI kept opaque.
/// Components keep their %-escapes as received; <see cref="Equals(SipUri?)"/> applies RFC 3261 §19.1.4.
/// </summary>
public sealed class SipUri : IEquatable<SipUri>
{
    internal SipUri(string original, SipUriScheme scheme, string schemeName)
    {
        OriginalString = original;
        Scheme = scheme;
        SchemeName = schemeName;
    }

    /// <summary>The URI exactly as received.</summary>
    public string OriginalString { get; }

    /// <summary>The scheme kind.</summary>
    public SipUriScheme Scheme { get; }

    /// <summary>The scheme in lower case (e.g. "sip", "tel", "http").</summary>
    public string SchemeName { get; }

    /// <summary>sip/sips: the user part (escaped form), null when absent; tel: the telephone number.</summary>
    public string? User { get; internal set; }

    /// <summary>sip/sips: the password (escaped form), null when absent. Never log it.</summary>
    public string? Password { get; internal set; }

    /// <summary>sip/sips: the host as received; an IPv6 reference keeps its brackets. Null for tel and opaque URIs.</summary>
    public string? Host { get; internal set; }

    /// <summary>What <see cref="Host"/> is.</summary>
    public SipHostKind HostKind { get; internal set; }

    /// <summary>The explicit port, or null (RFC 3261 §19.1.4: an explicit default port is not the same as none).</summary>
    public int? Port { get; internal set; }

    /// <summary>uri-parameters (sip/sips) or tel parameters, in order, escaped form.</summary>
    public IReadOnlyList<SipParameter> Parameters { get; internal set; } = [];

    /// <summary>The headers component (<c>?name=value&amp;...</c>), escaped form.</summary>
    public IReadOnlyList<SipParameter> Headers { get; internal set; } = [];

    /// <summary>Everything after "scheme:" for opaque (<see cref="SipUriScheme.Other"/>) URIs.</summary>
    public string? Opaque { get; internal set; }

    /// <summary>Whether this is a sip: or sips: URI.</summary>
    public bool IsSip => Scheme is SipUriScheme.Sip or SipUriScheme.Sips;

    /// <summary>The user part with %-escapes decoded (RFC 4475 §3.1.1.3), or null.</summary>
    public string? UnescapedUser => User is null ? null : UriEscaping.Unescape(User);

    /// <summary>The transport parameter, or null.</summary>
    public string? Transport => Parameters.Get("transport");

    /// <summary>The maddr parameter, or null.</summary>
    public string? MAddr => Parameters.Get("maddr");

    /// <summary>Whether the lr (loose routing) parameter is present (RFC 3261 §19.1.1).</summary>
    public bool IsLooseRouting => Parameters.Has("lr");

    /// <summary>Parses a URI; throws <see cref="Parsing.SipParseException"/> when malformed.</summary>
    public static SipUri Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return SipUriParser.Parse(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Parses a URI from its bytes; throws <see cref="Parsing.SipParseException"/> when malformed.</summary>
    public static SipUri Parse(ReadOnlySpan<byte> bytes) => SipUriParser.Parse(bytes);

    /// <summary>Parses a URI, returning false instead of throwing when malformed.</summary>
    public static bool TryParse(string text, out SipUri? uri)
    {
        try
        {
            uri = Parse(text);
            return true;
        }
        catch (Parsing.SipParseException)
        {
            uri = null;
            return false;
        }
    }

    /// <summary>RFC 3261 §19.1.4 equivalence (not transitive, by the RFC's design).</summary>
    public bool Equals(SipUri? other) => other is not null && SipUriComparer.AreEquivalent(this, other);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as SipUri);

    /// <inheritdoc/>
    public override int GetHashCode() => SipUriComparer.GetHashCode(this);

    /// <inheritdoc/>
    public override string ToString() => OriginalString;
}
