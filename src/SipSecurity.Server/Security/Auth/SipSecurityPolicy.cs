using System.Collections.Concurrent;
using System.Text;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Security.Digest;

namespace SipSecurity.Server.Security.Auth;

/// <summary>
/// An immutable snapshot of the login config and the security constraints, rebuilt by the server when the store
/// changes. It answers which constraints cover a (servlet, method) pair, with sip.xml semantics:
/// a constraint covers a request when it names the request's servlet and its methods are empty (every method) or
/// contain the request's method. Names and methods match case-insensitively, which can only widen coverage.
/// A constraint that names no servlet (the store refuses to create one) covers every servlet: fail closed.
/// </summary>
public sealed class SipSecurityPolicy
{
    // Method names come from the network: bound the cache so that invented methods cannot grow it.
    private const int MaxCachedRequirements = 4_096;

    private readonly SipSecurityConstraint[] _constraints;
    private readonly ConcurrentDictionary<(string Servlet, string Method), SipSecurityRequirement> _cache = new(KeyComparer.Instance);

    private SipSecurityPolicy(SipLoginConfig login, SipSecurityConstraint[] constraints)
    {
        Login = login;
        _constraints = constraints;
        Algorithms = login.Algorithms.Distinct().ToArray();
        RealmBytes = Encoding.UTF8.GetBytes(login.Realm);
    }

    public SipLoginConfig Login { get; }

    public IReadOnlyList<SipSecurityConstraint> Constraints => _constraints;

    /// <summary>The digest algorithms offered, in the configured order, without repeats.</summary>
    public IReadOnlyList<DigestAlgorithm> Algorithms { get; }

    internal byte[] RealmBytes { get; }

    /// <summary>Builds a snapshot. Throws <see cref="ArgumentException"/> for an empty realm or no algorithm.</summary>
    public static SipSecurityPolicy Create(SipLoginConfig login, IReadOnlyList<SipSecurityConstraint> constraints)
    {
        ArgumentNullException.ThrowIfNull(login);
        ArgumentNullException.ThrowIfNull(constraints);
        if (string.IsNullOrEmpty(login.Realm))
        {
            throw new ArgumentException("The login config has no realm.", nameof(login));
        }

        if (login.Algorithms is null || login.Algorithms.Count == 0)
        {
            throw new ArgumentException("The login config enables no digest algorithm.", nameof(login));
        }

        foreach (var algorithm in login.Algorithms)
        {
            // Throws for a value outside the enum: never offer what cannot be verified.
            _ = algorithm.ToToken();
        }

        return new SipSecurityPolicy(login, constraints.ToArray());
    }

    /// <summary>The constraints covering a request for <paramref name="servletName"/> with <paramref name="method"/>.</summary>
    public IReadOnlyList<SipSecurityConstraint> GetApplicableConstraints(string servletName, string method) =>
        GetRequirement(servletName, method).Constraints;

    internal SipSecurityRequirement GetRequirement(string servletName, string method)
    {
        ArgumentNullException.ThrowIfNull(servletName);
        ArgumentNullException.ThrowIfNull(method);
        if (_cache.TryGetValue((servletName, method), out var cached))
        {
            return cached;
        }

        var requirement = Compute(servletName, method);
        if (_cache.Count < MaxCachedRequirements)
        {
            _cache.TryAdd((servletName, method), requirement);
        }

        return requirement;
    }

    private SipSecurityRequirement Compute(string servletName, string method)
    {
        List<SipSecurityConstraint>? applicable = null;
        foreach (var constraint in _constraints)
        {
            var servletMatches = constraint.Servlets.Count == 0
                || constraint.Servlets.Any(s => string.Equals(s, servletName, StringComparison.OrdinalIgnoreCase));
            var methodMatches = constraint.Methods.Count == 0
                || constraint.Methods.Any(m => string.Equals(m, method, StringComparison.OrdinalIgnoreCase));
            if (servletMatches && methodMatches)
            {
                (applicable ??= []).Add(constraint);
            }
        }

        return applicable is null ? SipSecurityRequirement.None : new SipSecurityRequirement(applicable.ToArray());
    }

    private sealed class KeyComparer : IEqualityComparer<(string Servlet, string Method)>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals((string Servlet, string Method) x, (string Servlet, string Method) y) =>
            string.Equals(x.Servlet, y.Servlet, StringComparison.OrdinalIgnoreCase) && string.Equals(x.Method, y.Method, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((string Servlet, string Method) obj) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Servlet), StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Method));
    }
}

/// <summary>What the constraints covering one (servlet, method) pair demand together.</summary>
internal sealed class SipSecurityRequirement
{
    public static readonly SipSecurityRequirement None = new([]);

    public SipSecurityRequirement(SipSecurityConstraint[] constraints)
    {
        Constraints = constraints;
        ProxyAuthentication = constraints.Any(c => c.ProxyAuthentication);
        Confidential = constraints.Any(c => c.TransportGuarantee == SipTransportGuarantee.Confidential);

        // A constraint without roles admits nobody, like an empty <auth-constraint/> (Set-SipSecurityConstraint docs).
        DenyAll = constraints.Any(c => c.Roles.Count == 0);

        // "*" (any authenticated user) satisfies its constraint; the others each need one of their roles.
        RoleSets = constraints.Where(c => !c.Roles.Contains("*")).Select(c => c.Roles.ToArray()).ToArray();
    }

    public SipSecurityConstraint[] Constraints { get; }

    public bool IsProtected => Constraints.Length > 0;

    public bool ProxyAuthentication { get; }

    public bool Confidential { get; }

    public bool DenyAll { get; }

    public string[][] RoleSets { get; }

    /// <summary>sip.xml semantics: the user holds one of the roles of every covering constraint.</summary>
    public bool IsAuthorized(IReadOnlyList<string> userRoles)
    {
        foreach (var roles in RoleSets)
        {
            var ok = false;
            foreach (var role in roles)
            {
                if (userRoles.Contains(role, StringComparer.Ordinal))
                {
                    ok = true;
                    break;
                }
            }

            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
