using System.Xml.Linq;
using SipSecurity.Server.Configuration;

namespace SipSecurity.Server.Import;

/// <summary>
/// Reads Tomcat's tomcat-users.xml (MemoryRealm / UserDatabaseRealm): &lt;user username|name="..."
/// password="..." roles="a,b"/&gt;. The passwords are plaintext; each becomes a char array that the
/// <see cref="SipUserSecret"/> clears once hashed. &lt;role rolename&gt; elements need no import
/// (roles exist by assignment).
/// </summary>
public static class TomcatUsersReader
{
    public static UserImportSource Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var document = SafeXml.Load(path);
        var root = document.Root!;
        if (root.Name.LocalName != "tomcat-users")
        {
            throw root.At(path).Error("UnexpectedXmlRoot", SipErrorKind.InvalidData, $"the root element is <{root.Name.LocalName}>, not <tomcat-users>.");
        }

        var users = new List<ImportedUser>();
        var warnings = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        try
        {
            foreach (var element in root.Children("user"))
            {
                users.Add(ReadUser(element, path, seen, warnings));
            }
        }
        catch
        {
            users.ForEach(u => u.Dispose());
            throw;
        }

        return new UserImportSource { Description = path, Users = users, Warnings = warnings, HadPlaintextPasswords = users.Count > 0 };
    }

    private static ImportedUser ReadUser(XElement element, string path, Dictionary<string, int> seen, List<string> warnings)
    {
        var location = element.At(path);
        var name = (string?)element.Attribute("username") ?? (string?)element.Attribute("name");
        ImportValidation.At(location, () => NameRules.ValidateUserName(name));
        if (seen.TryGetValue(name!, out var firstLine))
        {
            throw location.Error("DuplicateUser", SipErrorKind.InvalidData, $"user '{name}' is already defined on line {firstLine}.");
        }

        seen.Add(name!, location.Line);
        var password = element.Attribute("password")?.Value;
        if (string.IsNullOrEmpty(password))
        {
            throw location.Error("MissingPassword", SipErrorKind.InvalidData, $"user '{name}' has no password attribute.");
        }

        if (element.Attribute("groups") is not null)
        {
            warnings.Add($"{location}: the groups of user '{name}' are not imported (SipSecurity has roles only).");
        }

        var roles = ImportValidation.Roles(((string?)element.Attribute("roles") ?? string.Empty).Split(','), location);
        return new ImportedUser
        {
            Name = name!,
            Location = location,
            Roles = roles,
            Secret = SipUserSecret.FromPassword(password.ToCharArray()),
        };
    }
}
