using SipSecurity.Server.Configuration;
using SipSecurity.Server.Store;

namespace SipSecurity.Server.Import;

/// <summary>
/// Security constraints of an import, matched by name (the display-name). A constraint in the file
/// replaces the stored one of that name entirely; constraints the file lacks stay unless Replace.
/// </summary>
internal static class ConstraintPlanner
{
    public static void Plan(IConfigReader reader, DesiredConfiguration desired, SipImportOptions options, Dictionary<string, SipServlet> servlets, SipImportResult result)
    {
        var stored = reader.GetConstraints();
        var storedByName = stored.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var names = new Dictionary<string, ImportedConstraint>(StringComparer.Ordinal);
        foreach (var imported in desired.Constraints)
        {
            var constraint = imported.Constraint;
            ImportValidation.At(imported.Location, () => NameRules.ValidateConstraintName(constraint.Name));
            if (!names.TryAdd(constraint.Name, imported))
            {
                throw imported.Location.Error("DuplicateConstraint", SipErrorKind.InvalidData,
                    $"security constraint '{constraint.Name}' is already declared on line {names[constraint.Name].Location.Line}.");
            }

            if (constraint.Servlets.Count == 0)
            {
                throw imported.Location.Error("ServletRequired", SipErrorKind.InvalidData, $"security constraint '{constraint.Name}' names no servlet.");
            }

            foreach (var servlet in constraint.Servlets)
            {
                if (!servlets.ContainsKey(servlet))
                {
                    throw imported.Location.Error("ServletNotFound", SipErrorKind.ObjectNotFound,
                        $"security constraint '{constraint.Name}' names servlet '{NameRules.Printable(servlet)}', which neither the file declares (<servlet>) nor the store has (Add-SipServlet).");
                }
            }

            foreach (var method in constraint.Methods)
            {
                ImportValidation.At(imported.Location, () => NameRules.NormalizeMethod(method));
            }

            foreach (var role in constraint.Roles.Where(r => r != "*"))
            {
                ImportValidation.At(imported.Location, () => NameRules.ValidateRoleName(role));
            }
        }

        // Stored constraints that stay must still name existing servlets (an import may have removed one).
        var kept = stored.Where(c => !names.ContainsKey(c.Name) && !options.Replace).ToArray();
        foreach (var constraint in kept)
        {
            var missing = constraint.Servlets.FirstOrDefault(s => !servlets.ContainsKey(s));
            if (missing is not null)
            {
                throw new SipSecurityException("ServletInUse", SipErrorKind.InvalidOperation,
                    $"{desired.Source}: the import would remove servlet '{missing}', which security constraint '{constraint.Name}' names. Nothing was changed. Import a constraint of that name, or remove the constraint first.", missing);
            }
        }

        if (options.Replace)
        {
            foreach (var constraint in stored.Where(c => !names.ContainsKey(c.Name)))
            {
                result.Changes.Add($"constraint '{constraint.Name}': remove (not in {desired.Source})");
                result.Write(writer => writer.DeleteConstraint(constraint.Name));
            }

            // Constraints keep their order: when the file orders them differently, write them all afresh.
            var keptOrder = stored.Where(c => names.ContainsKey(c.Name)).Select(c => c.Name);
            if (!keptOrder.SequenceEqual(desired.Constraints.Select(c => c.Constraint.Name).Where(storedByName.ContainsKey), StringComparer.Ordinal))
            {
                result.Changes.Add("constraints: reorder as in the file");
                foreach (var imported in desired.Constraints)
                {
                    result.Write(writer => writer.DeleteConstraint(imported.Constraint.Name));
                    result.Write(writer => writer.PutConstraint(imported.Constraint));
                }

                return;
            }
        }

        foreach (var imported in desired.Constraints)
        {
            storedByName.TryGetValue(imported.Constraint.Name, out var existing);
            if (existing is not null && Same(existing, imported.Constraint))
            {
                continue;
            }

            var change = new SipConstraintChange(existing, imported.Constraint);
            result.Changes.AddRange(change.Describe().Select(line => $"constraint '{imported.Constraint.Name}': {line}"));
            result.Write(writer => writer.PutConstraint(imported.Constraint));
        }
    }

    private static bool Same(SipSecurityConstraint a, SipSecurityConstraint b) =>
        a.Servlets.SequenceEqual(b.Servlets, StringComparer.Ordinal)
        && a.Methods.SequenceEqual(b.Methods, StringComparer.Ordinal)
        && a.Roles.SequenceEqual(b.Roles, StringComparer.Ordinal)
        && a.ProxyAuthentication == b.ProxyAuthentication
        && a.TransportGuarantee == b.TransportGuarantee;
}
