using SipSecurity.Server.Configuration;
using SipSecurity.Server.Store;

namespace SipSecurity.Server.Import;

/// <summary>
/// Servlets of an import. A method maps to one servlet only, so a method the file maps to one of its
/// servlets is taken from any other servlet of the store that maps it; a servlet left with no method is
/// removed. Both are reported as warnings.
/// </summary>
internal static class ServletPlanner
{
    /// <summary>Plans the servlet writes; returns the servlets the store has afterwards, by name.</summary>
    public static Dictionary<string, SipServlet> Plan(IConfigReader reader, DesiredConfiguration desired, SipImportOptions options, SipImportResult result)
    {
        var final = reader.GetServlets().ToDictionary(s => s.Name, StringComparer.Ordinal);
        var desiredByName = new Dictionary<string, ImportedServlet>(StringComparer.OrdinalIgnoreCase);
        var owners = new Dictionary<string, ImportedServlet>(StringComparer.Ordinal);
        foreach (var imported in desired.Servlets)
        {
            var servlet = imported.Servlet;
            ImportValidation.At(imported.Location, () => NameRules.ValidateServletName(servlet.Name));
            if (servlet.Methods.Count == 0)
            {
                throw imported.Location.Error("NoMethods", SipErrorKind.InvalidData, $"servlet '{servlet.Name}' needs at least one method (or '*').");
            }

            if (!desiredByName.TryAdd(servlet.Name, imported))
            {
                throw imported.Location.Error("DuplicateServlet", SipErrorKind.InvalidData, $"servlet '{servlet.Name}' is already declared on line {desiredByName[servlet.Name].Location.Line}.");
            }

            foreach (var method in servlet.Methods)
            {
                ImportValidation.At(imported.Location, () => NameRules.NormalizeMethod(method));
                if (!owners.TryAdd(method, imported))
                {
                    throw imported.Location.Error("MethodAlreadyMapped", SipErrorKind.InvalidData,
                        $"method '{method}' is mapped to both '{owners[method].Servlet.Name}' and '{servlet.Name}'; a method maps to one servlet.");
                }
            }
        }

        foreach (var existing in final.Values.ToArray())
        {
            if (desiredByName.ContainsKey(existing.Name))
            {
                continue;
            }

            if (options.Replace)
            {
                final.Remove(existing.Name);
                result.Changes.Add($"servlet '{existing.Name}': remove (not in {desired.Source})");
                result.Write(writer => writer.DeleteServlet(existing.Name));
                continue;
            }

            var taken = existing.Methods.Where(owners.ContainsKey).ToArray();
            if (taken.Length == 0)
            {
                continue;
            }

            var remaining = existing.Methods.Except(taken, StringComparer.Ordinal).ToArray();
            foreach (var method in taken)
            {
                result.Warnings.Add($"{owners[method].Location}: method {method} moves from servlet '{existing.Name}' to '{owners[method].Servlet.Name}'.");
            }

            if (remaining.Length == 0)
            {
                final.Remove(existing.Name);
                result.Changes.Add($"servlet '{existing.Name}': remove (its methods {string.Join(",", taken)} now map to the imported servlets)");
                result.Write(writer => writer.DeleteServlet(existing.Name));
            }
            else
            {
                var changed = existing with { Methods = remaining };
                final[existing.Name] = changed;
                result.Changes.Add($"servlet '{existing.Name}': methods {string.Join(",", existing.Methods)} -> {string.Join(",", remaining)}");
                result.Write(writer => writer.PutServlet(changed));
            }
        }

        foreach (var imported in desired.Servlets)
        {
            var servlet = imported.Servlet;
            final.TryGetValue(servlet.Name, out var existing);
            if (existing is not null && existing.Kind == servlet.Kind && existing.Methods.SequenceEqual(servlet.Methods, StringComparer.Ordinal))
            {
                continue;
            }

            result.Changes.Add(existing is null
                ? $"servlet '{servlet.Name}': create {servlet.Kind} for {string.Join(",", servlet.Methods)}"
                : $"servlet '{servlet.Name}': {existing.Kind} {string.Join(",", existing.Methods)} -> {servlet.Kind} {string.Join(",", servlet.Methods)}");
            final[servlet.Name] = servlet;
            result.Write(writer => writer.PutServlet(servlet));
        }

        return final;
    }
}
