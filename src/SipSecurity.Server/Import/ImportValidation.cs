using SipSecurity.Server.Configuration;

namespace SipSecurity.Server.Import;

/// <summary>Runs the shared name rules and puts the file and line in front of any error they raise.</summary>
internal static class ImportValidation
{
    public static void At(SourceLocation location, Action validate)
    {
        try
        {
            validate();
        }
        catch (SipSecurityException exception)
        {
            throw location.Error(exception.ErrorId, exception.Kind, exception.Message);
        }
    }

    public static T At<T>(SourceLocation location, Func<T> validate)
    {
        try
        {
            return validate();
        }
        catch (SipSecurityException exception)
        {
            throw location.Error(exception.ErrorId, exception.Kind, exception.Message);
        }
    }

    /// <summary>Splits a comma-separated role list; validates, de-duplicates and sorts the roles.</summary>
    public static string[] Roles(IEnumerable<string> roles, SourceLocation location)
    {
        var list = roles.Select(r => r.Trim()).Where(r => r.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        foreach (var role in list)
        {
            At(location, () => NameRules.ValidateRoleName(role));
        }

        return list;
    }
}
