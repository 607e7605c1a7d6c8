using System.Text;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace SipSecurity.KeyStores.Internal;

/// <summary>
/// Parses keytool <c>-dname</c> strings ("CN=James Smith, OU=Engineering, ..., S=My State, C=US").
/// As in keytool, the first attribute written is the most specific, so the encoded name starts with the last one (C).
/// </summary>
internal static class DistinguishedNameParser
{
    private static readonly Dictionary<string, DerObjectIdentifier> s_keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CN"] = X509Name.CN,
        ["OU"] = X509Name.OU,
        ["O"] = X509Name.O,
        ["L"] = X509Name.L,
        // keytool accepts S= for stateOrProvinceName; it means ST.
        ["S"] = X509Name.ST,
        ["ST"] = X509Name.ST,
        ["C"] = X509Name.C,
        ["STREET"] = X509Name.Street,
        ["DC"] = X509Name.DC,
        ["UID"] = X509Name.UID,
        ["T"] = X509Name.T,
        ["TITLE"] = X509Name.T,
        ["EMAILADDRESS"] = X509Name.EmailAddress,
        ["E"] = X509Name.EmailAddress,
        ["SERIALNUMBER"] = X509Name.SerialNumber,
        ["GIVENNAME"] = X509Name.GivenName,
        ["SURNAME"] = X509Name.Surname,
    };

    public static X509Name Parse(string dname)
    {
        if (string.IsNullOrWhiteSpace(dname))
        {
            throw Invalid(dname, "the name is empty");
        }

        var oids = new List<DerObjectIdentifier>();
        var values = new List<string>();
        foreach (string part in Split(dname))
        {
            int eq = IndexOfUnescaped(part, '=');
            if (eq <= 0)
            {
                throw Invalid(dname, $"'{part.Trim()}' is not KEY=value");
            }

            string key = part[..eq].Trim();
            string value = Unescape(part[(eq + 1)..].Trim());
            if (value.Length == 0)
            {
                throw Invalid(dname, $"'{key}' has an empty value");
            }

            oids.Add(ResolveKeyword(dname, key));
            values.Add(value);
        }

        // keytool order: written most-specific first, encoded most-specific last.
        oids.Reverse();
        values.Reverse();
        return new X509Name(oids, values);
    }

    private static DerObjectIdentifier ResolveKeyword(string dname, string key)
    {
        if (s_keywords.TryGetValue(key, out DerObjectIdentifier? oid))
        {
            return oid;
        }

        string dotted = key.StartsWith("OID.", StringComparison.OrdinalIgnoreCase) ? key[4..] : key;
        if (dotted.Length > 0 && char.IsAsciiDigit(dotted[0]) && DerObjectIdentifier.TryFromID(dotted, out DerObjectIdentifier? parsed))
        {
            return parsed;
        }

        throw Invalid(dname, $"unknown attribute '{key}'");
    }

    private static IEnumerable<string> Split(string dname)
    {
        var current = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < dname.Length; i++)
        {
            char c = dname[i];
            if (c == '\\' && i + 1 < dname.Length)
            {
                current.Append(c).Append(dname[++i]);
            }
            else if (c == '"')
            {
                quoted = !quoted;
                current.Append(c);
            }
            else if ((c == ',' || c == ';') && !quoted)
            {
                yield return current.ToString();
                current.Clear();
            }
            else if (c == '+' && !quoted)
            {
                throw Invalid(dname, "multi-valued RDNs ('+') are not supported");
            }
            else
            {
                current.Append(c);
            }
        }

        yield return current.ToString();
    }

    private static int IndexOfUnescaped(string part, char target)
    {
        for (int i = 0; i < part.Length; i++)
        {
            if (part[i] == '\\')
            {
                i++;
            }
            else if (part[i] == target)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Unescape(string value)
    {
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            value = value[1..^1];
        }

        var result = new StringBuilder(value.Length);
        for (int i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                i++;
            }

            result.Append(value[i]);
        }

        return result.ToString();
    }

    private static KeyStoreException Invalid(string dname, string reason) =>
        new(KeyStoreErrorIds.InvalidInput, $"The subject name '{dname}' is not a valid X.500 name: {reason}.");
}
