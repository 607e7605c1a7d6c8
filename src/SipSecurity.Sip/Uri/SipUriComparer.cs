using System.Net;
using SipSecurity.Sip.Headers;

namespace SipSecurity.Sip.Uri;

/// <summary>URI equivalence of RFC 3261 §19.1.4 (sip/sips), RFC 3966 §4 (tel), and plain comparison for other schemes.</summary>
internal static class SipUriComparer
{
    // RFC 3261 §19.1.4: these parameters, present in only one URI, make the URIs differ.
    private static readonly string[] s_mustMatch = ["user", "ttl", "method", "maddr", "transport"];

    public static bool AreEquivalent(SipUri a, SipUri b)
    {
        if (a.Scheme != b.Scheme || !string.Equals(a.SchemeName, b.SchemeName, StringComparison.Ordinal))
        {
            return false;
        }

        return a.Scheme switch
        {
            SipUriScheme.Sip or SipUriScheme.Sips => SipEquivalent(a, b),
            SipUriScheme.Tel => TelEquivalent(a, b),
            _ => string.Equals(a.Opaque, b.Opaque, StringComparison.Ordinal),
        };
    }

    public static int GetHashCode(SipUri uri) => uri.Scheme switch
    {
        SipUriScheme.Sip or SipUriScheme.Sips => HashCode.Combine(
            uri.Scheme,
            uri.User is null ? null : UriEscaping.Normalize(uri.User),
            NormalizeHost(uri),
            uri.Port),
        SipUriScheme.Tel => HashCode.Combine(uri.Scheme, TelNumber(uri.User)),
        _ => HashCode.Combine(uri.SchemeName, uri.Opaque),
    };

    private static bool SipEquivalent(SipUri a, SipUri b)
    {
        // Userinfo is case-sensitive, compared after decoding escapes of unreserved characters.
        if (!string.Equals(Norm(a.User), Norm(b.User), StringComparison.Ordinal)
            || !string.Equals(Norm(a.Password), Norm(b.Password), StringComparison.Ordinal))
        {
            return false;
        }

        if (!string.Equals(NormalizeHost(a), NormalizeHost(b), StringComparison.Ordinal) || a.Port != b.Port)
        {
            return false;
        }

        foreach (var p in a.Parameters)
        {
            var i = b.Parameters.IndexOf(p.Name);
            if (i >= 0)
            {
                if (!ValuesEqualIgnoreCase(p.Value, b.Parameters[i].Value))
                {
                    return false;
                }
            }
            else if (IsMustMatch(p.Name))
            {
                return false;
            }
        }

        foreach (var p in b.Parameters)
        {
            if (IsMustMatch(p.Name) && a.Parameters.IndexOf(p.Name) < 0)
            {
                return false;
            }
        }

        return HeadersEqual(a.Headers, b.Headers);
    }

    private static bool HeadersEqual(IReadOnlyList<SipParameter> a, IReadOnlyList<SipParameter> b)
    {
        // Header components are never ignored: each must be present in both, names case-insensitive (RFC 3261 §19.1.4).
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var h in a)
        {
            var i = b.IndexOf(h.Name);
            if (i < 0 || !string.Equals(Norm(h.Value), Norm(b[i].Value), StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TelEquivalent(SipUri a, SipUri b)
    {
        if (!string.Equals(TelNumber(a.User), TelNumber(b.User), StringComparison.OrdinalIgnoreCase) || a.Parameters.Count != b.Parameters.Count)
        {
            return false;
        }

        foreach (var p in a.Parameters)
        {
            var i = b.Parameters.IndexOf(p.Name);
            if (i < 0 || !ValuesEqualIgnoreCase(p.Value, b.Parameters[i].Value))
            {
                return false;
            }
        }

        return true;
    }

    private static string? TelNumber(string? number)
    {
        // RFC 3966 §4: visual separators are ignored in comparison.
        if (number is null)
        {
            return null;
        }

        var chars = number.Where(c => c is not ('-' or '.' or '(' or ')')).ToArray();
        return new string(chars);
    }

    private static bool IsMustMatch(string name)
    {
        foreach (var m in s_mustMatch)
        {
            if (string.Equals(m, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ValuesEqualIgnoreCase(string? a, string? b)
        => string.Equals(Norm(a), Norm(b), StringComparison.OrdinalIgnoreCase);

    private static string? Norm(string? value) => value is null ? null : UriEscaping.Normalize(value);

    private static string? NormalizeHost(SipUri uri)
    {
        if (uri.Host is null)
        {
            return null;
        }

        if (uri.HostKind == SipHostKind.IPv6 && IPAddress.TryParse(uri.Host.AsSpan(1, uri.Host.Length - 2), out var ip))
        {
            return "[" + ip + "]";
        }

        return uri.Host.ToLowerInvariant();
    }
}
