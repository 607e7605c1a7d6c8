using System.Text;
using SipSecurity.Sip.Parsing;

namespace SipSecurity.Sip.Headers;

/// <summary>A WWW-Authenticate / Proxy-Authenticate challenge (RFC 3261 §20.44, §20.27; RFC 7616 §3.3). Parse it, or build one and format it with <see cref="ToString"/>.</summary>
public sealed class SipDigestChallenge
{
    /// <summary>The auth-scheme, normally "Digest".</summary>
    public string Scheme { get; init; } = SipCredentials.DigestScheme;

    /// <summary>realm (required for Digest).</summary>
    public string? Realm { get; init; }

    /// <summary>domain: space-separated URIs, or null.</summary>
    public string? Domain { get; init; }

    /// <summary>nonce.</summary>
    public string? Nonce { get; init; }

    /// <summary>opaque, or null.</summary>
    public string? Opaque { get; init; }

    /// <summary>stale=true: the nonce expired but the credentials were right (RFC 7616 §3.3).</summary>
    public bool Stale { get; init; }

    /// <summary>algorithm token, e.g. "MD5", "SHA-256", "SHA-512-256" (RFC 8760); null means MD5.</summary>
    public string? Algorithm { get; init; }

    /// <summary>qop-options, e.g. "auth" or "auth,auth-int"; null when absent.</summary>
    public string? Qop { get; init; }

    /// <summary>charset, e.g. "UTF-8" (RFC 7616 §3.3), or null.</summary>
    public string? Charset { get; init; }

    /// <summary>userhash=true (RFC 7616 §3.3).</summary>
    public bool UserHash { get; init; }

    /// <summary>Parses a challenge value.</summary>
    public static SipDigestChallenge Parse(ReadOnlySpan<byte> value, string header)
    {
        var reader = new AuthParamReader(value, header);
        var scheme = reader.Slice(reader.Scheme);
        string? realm = null, domain = null, nonce = null, opaque = null, algorithm = null, qop = null, charset = null;
        bool stale = false, userHash = false;
        while (reader.Next(out var n, out var v, out var quoted))
        {
            var name = Encoding.ASCII.GetString(reader.Slice(n)).ToLowerInvariant();
            var raw = reader.Slice(v);
            var text = Encoding.UTF8.GetString(quoted ? ValueReader.Unescape(raw.ToArray()).Span : raw);
            switch (name)
            {
                case "realm": realm = text; break;
                case "domain": domain = text; break;
                case "nonce": nonce = text; break;
                case "opaque": opaque = text; break;
                case "algorithm": algorithm = text; break;
                case "qop": qop = text; break;
                case "charset": charset = text; break;
                case "stale": stale = string.Equals(text, "true", StringComparison.OrdinalIgnoreCase); break;
                case "userhash": userHash = string.Equals(text, "true", StringComparison.OrdinalIgnoreCase); break;
                default: break;
            }
        }

        return new SipDigestChallenge
        {
            Scheme = Ascii.EqualsIgnoreCase(scheme, "Digest"u8) ? SipCredentials.DigestScheme : Encoding.ASCII.GetString(scheme),
            Realm = realm,
            Domain = domain,
            Nonce = nonce,
            Opaque = opaque,
            Stale = stale,
            Algorithm = algorithm,
            Qop = qop,
            Charset = charset,
            UserHash = userHash,
        };
    }

    /// <summary>The header value: quoted where RFC 7616 §3.3 quotes, with '"' and '\' escaped.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(Scheme);
        var first = true;
        void Add(string name, string? value, bool quote)
        {
            if (value is null)
            {
                return;
            }

            sb.Append(first ? " " : ", ").Append(name).Append('=');
            first = false;
            if (quote)
            {
                sb.Append('"').Append(value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                sb.Append(value);
            }
        }

        Add("realm", Realm, true);
        Add("domain", Domain, true);
        Add("nonce", Nonce, true);
        Add("opaque", Opaque, true);
        Add("stale", Stale ? "true" : null, false);
        Add("algorithm", Algorithm, false);
        Add("qop", Qop, true);
        Add("charset", Charset, false);
        Add("userhash", UserHash ? "true" : null, false);
        return sb.ToString();
    }
}
