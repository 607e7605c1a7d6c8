namespace SipSecurity.Sip.Headers;

/// <summary>Lookup helpers over parameter lists; parameter names are case-insensitive (RFC 3261 §7.3.1, §19.1.4).</summary>
public static class SipParameterList
{
    /// <summary>Whether a parameter with this name is present (with or without value).</summary>
    public static bool Has(this IReadOnlyList<SipParameter> parameters, string name) => parameters.IndexOf(name) >= 0;

    /// <summary>The value of the first parameter with this name; null when absent or valueless.</summary>
    public static string? Get(this IReadOnlyList<SipParameter> parameters, string name)
    {
        var i = parameters.IndexOf(name);
        return i >= 0 ? parameters[i].Value : null;
    }

    /// <summary>Index of the first parameter with this name, or -1.</summary>
    public static int IndexOf(this IReadOnlyList<SipParameter> parameters, string name)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        for (var i = 0; i < parameters.Count; i++)
        {
            if (string.Equals(parameters[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
