namespace SipSecurity.Server.Configuration;

/// <summary>
/// What a name may contain so that it survives every place it goes: the A1 string
/// (username ":" realm ":" password), a quoted digest parameter, the JBoss properties format
/// (key=value, '#'/'!' comments, '\' escapes, whitespace separators) and comma-separated role lists.
/// </summary>
public static class NameRules
{
    public const int MaxLength = 256;

    public static void ValidateUserName(string? name) => Validate(name, "user name", "InvalidUserName", ":=\\\",");

    public static void ValidateRoleName(string? name) => Validate(name, "role name", "InvalidRoleName", ":=\\\",");

    public static void ValidateServletName(string? name) => Validate(name, "servlet name", "InvalidServletName", ",\"");

    public static void ValidateConnectorName(string? name) => Validate(name, "connector name", "InvalidConnectorName", ",\"");

    public static void ValidateConstraintName(string? name)
    {
        // A display-name is free text, but must stay one printable line.
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxLength || name.Any(char.IsControl))
        {
            throw new SipSecurityException("InvalidConstraintName", SipErrorKind.InvalidArgument,
                $"The constraint name '{Printable(name)}' is not valid: it must be 1 to {MaxLength} printable characters.", name);
        }
    }

    /// <summary>Realms go inside A1 and a quoted string: no colon, quote, backslash or control character.</summary>
    public static void ValidateRealm(string? realm)
    {
        if (string.IsNullOrEmpty(realm) || realm.Length > MaxLength || realm.Any(c => char.IsControl(c) || c is ':' or '"' or '\\'))
        {
            throw new SipSecurityException("InvalidRealm", SipErrorKind.InvalidArgument,
                $"The realm '{Printable(realm)}' is not valid: it must be 1 to {MaxLength} characters without ':', '\"', '\\' or control characters.", realm);
        }
    }

    /// <summary>A SIP method is a token (RFC 3261 §25.1); by convention upper case.</summary>
    public static string NormalizeMethod(string? method)
    {
        if (method == "*")
        {
            return method;
        }

        if (string.IsNullOrEmpty(method) || method.Length > 64 || !method.All(IsTokenChar))
        {
            throw new SipSecurityException("InvalidSipMethod", SipErrorKind.InvalidArgument,
                $"'{Printable(method)}' is not a valid SIP method: a method is a token (letters, digits and -.!%*_+`'~).", method);
        }

        return method.ToUpperInvariant();
    }

    /// <summary>RFC 3261 §25.1 token characters.</summary>
    public static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '!' or '%' or '*' or '_' or '+' or '`' or '\'' or '~';

    private static void Validate(string? name, string what, string errorId, string forbidden)
    {
        string? reason = null;
        if (string.IsNullOrEmpty(name))
        {
            reason = "it is empty";
        }
        else if (name.Length > MaxLength)
        {
            reason = $"it is longer than {MaxLength} characters";
        }
        else if (name[0] is '#' or '!')
        {
            reason = "it starts with '#' or '!', which mark comments in properties files";
        }
        else
        {
            foreach (var c in name)
            {
                if (char.IsControl(c))
                {
                    reason = "it contains a control character";
                    break;
                }

                if (char.IsWhiteSpace(c))
                {
                    reason = "it contains white space";
                    break;
                }

                if (forbidden.Contains(c, StringComparison.Ordinal))
                {
                    reason = $"it contains '{c}'";
                    break;
                }
            }
        }

        if (reason is not null)
        {
            throw new SipSecurityException(errorId, SipErrorKind.InvalidArgument,
                $"The {what} '{Printable(name)}' is not valid: {reason}.", name);
        }
    }

    /// <summary>Shows control characters as \uXXXX so an error message stays one readable line.</summary>
    public static string Printable(string? text)
    {
        if (text is null)
        {
            return string.Empty;
        }

        var builder = new System.Text.StringBuilder(text.Length);
        foreach (var c in text.AsSpan(0, Math.Min(text.Length, 80)))
        {
            if (char.IsControl(c))
            {
                builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return text.Length > 80 ? builder.Append('…').ToString() : builder.ToString();
    }
}
