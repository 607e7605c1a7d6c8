using SipSecurity.Server.Configuration;
using SipSecurity.Server.Security.Auth;
using SipSecurity.Server.Store;

namespace SipSecurity.Server.Hosting;

/// <summary>
/// Everything request handling reads from the store, as one immutable object swapped atomically when
/// the store's revision changes: a request sees one consistent configuration.
/// </summary>
internal sealed class SipServerSnapshot
{
    private SipServerSnapshot(long revision, SipLoginConfig login, SipSecurityPolicy policy, IReadOnlyList<SipServlet> servlets,
        SipServerSettings settings, IReadOnlyList<SipConnector> connectors)
    {
        Revision = revision;
        Login = login;
        Policy = policy;
        Servlets = servlets;
        Settings = settings;
        Connectors = connectors;
        AllowedMethods = BuildAllow(servlets);
    }

    public long Revision { get; }

    public SipLoginConfig Login { get; }

    public SipSecurityPolicy Policy { get; }

    public IReadOnlyList<SipServlet> Servlets { get; }

    public SipServerSettings Settings { get; }

    public IReadOnlyList<SipConnector> Connectors { get; }

    /// <summary>The Allow header value: the methods some servlet handles, plus those the server answers itself.</summary>
    public string AllowedMethods { get; }

    public static SipServerSnapshot Load(LockedConfigStore store)
    {
        var revision = store.ReadRevision();
        return store.Read(reader =>
        {
            var login = reader.GetLoginConfig();
            return new SipServerSnapshot(revision, login, SipSecurityPolicy.Create(login, reader.GetConstraints()), reader.GetServlets(),
                reader.GetServerSettings(), reader.GetConnectors());
        });
    }

    /// <summary>The servlet a method maps to: the one naming it, else the one mapping "*" (sip.xml servlet-mapping).</summary>
    public SipServlet? ServletFor(string method)
    {
        SipServlet? any = null;
        foreach (var servlet in Servlets)
        {
            foreach (var mapped in servlet.Methods)
            {
                if (string.Equals(mapped, method, StringComparison.Ordinal))
                {
                    return servlet;
                }

                if (mapped == SipServlet.AnyMethod)
                {
                    any ??= servlet;
                }
            }
        }

        return any;
    }

    private static string BuildAllow(IReadOnlyList<SipServlet> servlets)
    {
        var methods = new SortedSet<string>(StringComparer.Ordinal) { "OPTIONS", "ACK", "CANCEL" };
        foreach (var servlet in servlets)
        {
            foreach (var method in servlet.Methods)
            {
                if (method != SipServlet.AnyMethod && servlet.Kind == SipServletKind.Registrar)
                {
                    methods.Add(method);
                }
            }
        }

        return string.Join(", ", methods);
    }
}
