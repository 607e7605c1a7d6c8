using SipSecurity.Server.Store;

namespace SipSecurity.Server.Configuration;

/// <summary>Security constraints. Setting one is idempotent: the same values twice change nothing the second time.</summary>
public sealed class SipSecurityConstraintManager
{
    private readonly IConfigStore _store;

    public SipSecurityConstraintManager(IConfigStore store) => _store = store ?? throw new ArgumentNullException(nameof(store));

    public IReadOnlyList<SipSecurityConstraint> Find(string? pattern = null)
    {
        var constraints = _store.Read(reader => reader.GetConstraints());
        if (string.IsNullOrEmpty(pattern))
        {
            return constraints;
        }

        var wildcard = new SipWildcard(pattern);
        return constraints.Where(c => wildcard.IsMatch(c.Name)).ToArray();
    }

    /// <summary>What <see cref="Set"/> would do, without writing (for -WhatIf).</summary>
    public SipConstraintChange Plan(SipConstraintSpec spec) => _store.Read(reader => Plan(reader, spec));

    public SipConstraintChange Set(SipConstraintSpec spec)
    {
        return _store.Write(writer =>
        {
            var change = Plan(writer, spec);
            if (change.Changed)
            {
                writer.PutConstraint(change.After);
            }

            return change;
        });
    }

    public void Remove(string name)
    {
        _store.Write(writer => writer.DeleteConstraint(name) ? true : throw NotFound(name));
    }

    public static SipSecurityException NotFound(string name) =>
        new("ConstraintNotFound", SipErrorKind.ObjectNotFound, $"No security constraint named '{NameRules.Printable(name)}' exists.", name);

    private static SipConstraintChange Plan(IConfigReader reader, SipConstraintSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        NameRules.ValidateConstraintName(spec.Name);
        var before = reader.GetConstraints().FirstOrDefault(c => string.Equals(c.Name, spec.Name, StringComparison.Ordinal));
        if (before is null && (spec.Servlets is null || spec.Servlets.Count == 0))
        {
            throw new SipSecurityException("ServletRequired", SipErrorKind.InvalidArgument,
                $"A new security constraint needs -Servlet: the servlets it protects.", spec.Name);
        }

        string[]? servlets = null;
        if (spec.Servlets is not null)
        {
            // Servlet names match case-insensitively, as everywhere else; the stored spelling is kept.
            var known = reader.GetServlets().ToDictionary(s => s.Name, s => s.Name, StringComparer.OrdinalIgnoreCase);
            servlets = spec.Servlets
                .Select(name => known.TryGetValue(name, out var canonical) ? canonical : throw SipServletManager.NotFound(name))
                .Distinct(StringComparer.Ordinal)
                .ToArray();
        }

        var roles = spec.Roles?.Select(r => r.Trim()).Distinct(StringComparer.Ordinal).ToArray();
        foreach (var role in roles ?? [])
        {
            // "*" is the servlet spec's "any authenticated user".
            if (role != "*")
            {
                NameRules.ValidateRoleName(role);
            }
        }

        var after = new SipSecurityConstraint
        {
            Name = spec.Name,
            Servlets = servlets ?? before!.Servlets,
            Methods = spec.Methods is null ? before?.Methods ?? [] : SipServletManager.NormalizeMethods(spec.Methods).Where(m => m != "*").ToArray(),
            Roles = roles ?? before?.Roles ?? [],
            ProxyAuthentication = spec.ProxyAuthentication ?? before?.ProxyAuthentication ?? false,
            TransportGuarantee = spec.TransportGuarantee ?? before?.TransportGuarantee ?? SipTransportGuarantee.None,
        };
        return new SipConstraintChange(before, after);
    }
}

/// <summary>The values to set on a constraint; null members keep their current value.</summary>
public sealed record SipConstraintSpec
{
    public required string Name { get; init; }

    public IReadOnlyList<string>? Servlets { get; init; }

    public IReadOnlyList<string>? Methods { get; init; }

    public IReadOnlyList<string>? Roles { get; init; }

    public bool? ProxyAuthentication { get; init; }

    public SipTransportGuarantee? TransportGuarantee { get; init; }
}

/// <summary>A constraint before (null when new) and after a Set.</summary>
public sealed record SipConstraintChange(SipSecurityConstraint? Before, SipSecurityConstraint After)
{
    public bool Changed => Describe().Any();

    /// <summary>One line per changed field, for -WhatIf.</summary>
    public IEnumerable<string> Describe()
    {
        if (Before is null)
        {
            yield return $"create: servlets {List(After.Servlets)}, methods {List(After.Methods, "(all)")}, roles {List(After.Roles, "(none)")}, proxy authentication {After.ProxyAuthentication}, transport guarantee {After.TransportGuarantee}";
            yield break;
        }

        if (!Before.Servlets.SequenceEqual(After.Servlets))
        {
            yield return $"Servlet: {List(Before.Servlets)} -> {List(After.Servlets)}";
        }

        if (!Before.Methods.SequenceEqual(After.Methods))
        {
            yield return $"Method: {List(Before.Methods, "(all)")} -> {List(After.Methods, "(all)")}";
        }

        if (!Before.Roles.SequenceEqual(After.Roles))
        {
            yield return $"Role: {List(Before.Roles, "(none)")} -> {List(After.Roles, "(none)")}";
        }

        if (Before.ProxyAuthentication != After.ProxyAuthentication)
        {
            yield return $"ProxyAuthentication: {Before.ProxyAuthentication} -> {After.ProxyAuthentication}";
        }

        if (Before.TransportGuarantee != After.TransportGuarantee)
        {
            yield return $"TransportGuarantee: {Before.TransportGuarantee} -> {After.TransportGuarantee}";
        }
    }

    private static string List(IReadOnlyList<string> items, string empty = "(none)") => items.Count == 0 ? empty : string.Join(",", items);
}
