using System.Xml.Linq;
using SipSecurity.Server.Configuration;

namespace SipSecurity.Server.Import;

/// <summary>
/// Reads a sip.xml (SIP Servlet 1.0 or 1.1, with or without namespace; no DTD): servlets,
/// security constraints and the login config. Every name is validated here, with its line.
/// </summary>
public static class SipApplicationDescriptorReader
{
    public static DesiredConfiguration Read(string path, SipServletKind defaultKind = SipServletKind.Proxy)
    {
        ArgumentNullException.ThrowIfNull(path);
        var root = SafeXml.Load(path).Root!;
        if (root.Name.LocalName != "sip-app")
        {
            throw root.At(path).Error("UnexpectedXmlRoot", SipErrorKind.InvalidData, $"the root element is <{root.Name.LocalName}>, not <sip-app>.");
        }

        var warnings = new List<string>();
        var constraints = root.Children("security-constraint").Select(e => ReadConstraint(e, root, path, warnings)).ToArray();
        var servlets = ReadServlets(root, path, defaultKind, constraints, warnings);
        return new DesiredConfiguration
        {
            Source = Path.GetFileName(path),
            Servlets = servlets,
            Constraints = constraints,
            LoginConfig = ReadLoginConfig(root, path, warnings),
            Warnings = warnings,
        };
    }

    private static ImportedServlet[] ReadServlets(XElement root, string path, SipServletKind defaultKind, ImportedConstraint[] constraints, List<string> warnings)
    {
        var declared = root.Children("servlet").ToArray();
        var main = root.Child("servlet-selection")?.ChildText("main-servlet");
        var servlets = new List<ImportedServlet>();
        foreach (var element in declared)
        {
            var location = element.At(path);
            var name = element.ChildText("servlet-name")
                ?? throw location.Error("MissingServletName", SipErrorKind.InvalidData, "a <servlet> has no <servlet-name>.");
            ImportValidation.At(location, () => NameRules.ValidateServletName(name));
            var servletClass = element.ChildText("servlet-class") ?? string.Empty;
            var kind = servletClass.Contains("Registrar", StringComparison.OrdinalIgnoreCase) ? SipServletKind.Registrar : defaultKind;

            var patterns = root.Children("servlet-mapping").Where(m => m.ChildText("servlet-name") == name).Select(m => m.Child("pattern")).OfType<XElement>();
            var methods = ImportValidation.At(location, () => SipServletMethodRules.FromMapping(patterns, warnings, path));
            if (methods.Count == 0)
            {
                var naming = constraints.Where(c => c.Constraint.Servlets.Contains(name, StringComparer.Ordinal)).ToArray();
                if (naming.Length > 0 && naming.All(c => c.Constraint.Methods.Count > 0))
                {
                    methods = naming.SelectMany(c => c.Constraint.Methods).Distinct(StringComparer.Ordinal).ToArray();
                }
            }

            if (methods.Count == 0)
            {
                methods = SipServletMethodRules.Default(kind, name == main || declared.Length == 1, location, name);
            }

            servlets.Add(new ImportedServlet(new SipServlet(name, kind, methods), location));
        }

        return [.. servlets];
    }

    private static ImportedConstraint ReadConstraint(XElement element, XElement root, string path, List<string> warnings)
    {
        var location = element.At(path);
        var collections = element.Children("resource-collection").ToArray();
        if (collections.Length == 0)
        {
            throw location.Error("MissingResourceCollection", SipErrorKind.InvalidData, "a <security-constraint> has no <resource-collection>.");
        }

        var name = element.ChildText("display-name") ?? collections[0].ChildText("resource-name")
            ?? throw location.Error("MissingDisplayName", SipErrorKind.InvalidData, "a <security-constraint> has neither a <display-name> nor a <resource-name> to name it by.");

        var servlets = new List<string>();
        var methods = new List<string>();
        var allMethods = false;
        foreach (var collection in collections)
        {
            var named = collection.Children("servlet-name").Select(e => e.Value.Trim()).Where(s => s.Length > 0).ToArray();
            // A collection without servlet-name covers the whole application.
            servlets.AddRange(named.Length > 0 ? named : root.Children("servlet").Select(s => s.ChildText("servlet-name")).OfType<string>());
            var listed = collection.Children("sip-method").Select(e => ImportValidation.At(e.At(path), () => NameRules.NormalizeMethod(e.Value.Trim()))).ToArray();
            allMethods |= listed.Length == 0;
            methods.AddRange(listed);
        }

        if (collections.Length > 1)
        {
            warnings.Add($"{location}: the {collections.Length} resource-collections of '{name}' are merged into one constraint (their servlets and methods combined).");
        }

        var roles = element.Child("auth-constraint")?.Children("role-name").Select(e => e.Value.Trim()).Where(r => r.Length > 0).Distinct(StringComparer.Ordinal).ToArray() ?? [];
        return new ImportedConstraint(new SipSecurityConstraint
        {
            Name = name,
            Servlets = servlets.Distinct(StringComparer.Ordinal).ToArray(),
            Methods = allMethods ? [] : methods.Distinct(StringComparer.Ordinal).ToArray(),
            Roles = roles,
            ProxyAuthentication = element.Child("proxy-authentication") is not null,
            TransportGuarantee = ReadGuarantee(element.Child("user-data-constraint"), path),
        }, location);
    }

    private static SipTransportGuarantee ReadGuarantee(XElement? constraint, string path)
    {
        var guarantee = constraint?.Child("transport-guarantee");
        return guarantee?.Value.Trim().ToUpperInvariant() switch
        {
            null or "" or "NONE" => SipTransportGuarantee.None,
            // TLS gives integrity and confidentiality together.
            "INTEGRAL" or "CONFIDENTIAL" => SipTransportGuarantee.Confidential,
            _ => throw guarantee.At(path).Error("InvalidTransportGuarantee", SipErrorKind.InvalidData,
                $"transport-guarantee '{NameRules.Printable(guarantee.Value.Trim())}' is not NONE, INTEGRAL or CONFIDENTIAL."),
        };
    }

    private static ImportedLoginConfig? ReadLoginConfig(XElement root, string path, List<string> warnings)
    {
        var configs = root.Children("login-config").ToArray();
        if (configs.Length == 0)
        {
            return null;
        }

        if (configs.Length > 1)
        {
            throw configs[1].At(path).Error("DuplicateLoginConfig", SipErrorKind.InvalidData, "a sip.xml has at most one <login-config>.");
        }

        var config = configs[0];
        var location = config.At(path);
        var methodElement = config.Child("auth-method");
        SipAuthMethod? method = methodElement?.Value.Trim().ToUpperInvariant() switch
        {
            null => null,
            "DIGEST" => SipAuthMethod.Digest,
            "CLIENT-CERT" => SipAuthMethod.ClientCert,
            // RFC 3261 §22.1: Basic authentication must not be used.
            "BASIC" => throw methodElement.At(path).Error("UnsupportedAuthMethod", SipErrorKind.InvalidData, "auth-method BASIC is not supported: RFC 3261 §22.1 forbids Basic authentication. Use DIGEST."),
            var other => throw methodElement.At(path).Error("UnsupportedAuthMethod", SipErrorKind.InvalidData, $"auth-method '{NameRules.Printable(other)}' is not DIGEST or CLIENT-CERT."),
        };
        var realm = config.ChildText("realm-name");
        if (realm is not null)
        {
            ImportValidation.At(config.Child("realm-name")!.At(path), () => NameRules.ValidateRealm(realm));
        }

        if (config.Child("identity-assertion") is { } assertion)
        {
            warnings.Add($"{assertion.At(path)}: identity-assertion (P-Asserted-Identity) is not supported and was skipped.");
        }

        return new ImportedLoginConfig(method, realm, null, location);
    }
}
