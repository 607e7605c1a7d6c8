using SipSecurity.Server.Store;

namespace SipSecurity.Server.Configuration;

/// <summary>Servlets and their method mappings. A method maps to at most one servlet so dispatch is unambiguous.</summary>
public sealed class SipServletManager
{
    private readonly IConfigStore _store;

    public SipServletManager(IConfigStore store) => _store = store ?? throw new ArgumentNullException(nameof(store));

    public IReadOnlyList<SipServlet> Find(string? pattern = null)
    {
        var servlets = _store.Read(reader => reader.GetServlets());
        if (string.IsNullOrEmpty(pattern))
        {
            return servlets;
        }

        var wildcard = new SipWildcard(pattern);
        return servlets.Where(s => wildcard.IsMatch(s.Name)).ToArray();
    }

    public SipServlet Add(string name, SipServletKind kind, IEnumerable<string> methods)
    {
        NameRules.ValidateServletName(name);
        var methodList = NormalizeMethods(methods);
        if (methodList.Length == 0)
        {
            throw new SipSecurityException("NoMethods", SipErrorKind.InvalidArgument, $"Servlet '{name}' needs at least one method (or '*').", name);
        }

        return _store.Write(writer =>
        {
            var servlets = writer.GetServlets();
            if (servlets.Any(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new SipSecurityException("ServletAlreadyExists", SipErrorKind.ResourceExists, $"A servlet named '{name}' already exists.", name);
            }

            foreach (var method in methodList)
            {
                var owner = servlets.FirstOrDefault(s => s.Methods.Contains(method, StringComparer.Ordinal));
                if (owner is not null)
                {
                    throw new SipSecurityException("MethodAlreadyMapped", SipErrorKind.ResourceExists,
                        $"The method '{method}' is already mapped to servlet '{owner.Name}'. Remove that servlet or choose other methods.", method);
                }
            }

            var servlet = new SipServlet(name, kind, methodList);
            writer.PutServlet(servlet);
            return servlet;
        });
    }

    /// <summary>Removes a servlet; one that security constraints name is kept unless <paramref name="force"/>, which also drops it from them.</summary>
    public void Remove(string name, bool force = false)
    {
        _store.Write(writer =>
        {
            var servlet = writer.GetServlets().FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw NotFound(name);
            var users = writer.GetConstraints().Where(c => c.Servlets.Contains(servlet.Name, StringComparer.Ordinal)).ToArray();
            if (users.Length > 0 && !force)
            {
                throw new SipSecurityException("ServletInUse", SipErrorKind.InvalidOperation,
                    $"Servlet '{name}' is named by security constraint(s) {string.Join(", ", users.Select(c => $"'{c.Name}'"))}. Nothing was changed; use -Force to remove it from them too.", name);
            }

            foreach (var constraint in users)
            {
                var remaining = constraint.Servlets.Where(s => !string.Equals(s, servlet.Name, StringComparison.Ordinal)).ToArray();
                if (remaining.Length == 0)
                {
                    writer.DeleteConstraint(constraint.Name);
                }
                else
                {
                    writer.PutConstraint(constraint with { Servlets = remaining });
                }
            }

            return writer.DeleteServlet(servlet.Name);
        });
    }

    public static SipSecurityException NotFound(string name) =>
        new("ServletNotFound", SipErrorKind.ObjectNotFound, $"No servlet named '{NameRules.Printable(name)}' exists. Get-SipServlet lists them; Add-SipServlet adds one.", name);

    internal static string[] NormalizeMethods(IEnumerable<string>? methods) =>
        (methods ?? []).Select(NameRules.NormalizeMethod).Distinct(StringComparer.Ordinal).ToArray();
}
