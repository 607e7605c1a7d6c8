using SipSecurity.Server.Configuration;

namespace SipSecurity.Server.Store.Sqlite;

internal sealed partial class SqliteConfigSession
{
    public IReadOnlyList<SipServlet> GetServlets()
    {
        var servlets = new List<SipServlet>();
        using var command = Command("SELECT name, kind, methods FROM servlets ORDER BY name;");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            servlets.Add(new SipServlet(reader.GetString(0), Enum.Parse<SipServletKind>(reader.GetString(1)), Split(reader.GetString(2))));
        }

        return servlets;
    }

    public void PutServlet(SipServlet servlet)
    {
        ArgumentNullException.ThrowIfNull(servlet);
        Execute("""
            INSERT INTO servlets (name, kind, methods) VALUES ($name, $kind, $methods)
            ON CONFLICT(name) DO UPDATE SET kind = excluded.kind, methods = excluded.methods;
            """,
            ("$name", servlet.Name), ("$kind", servlet.Kind.ToString()), ("$methods", Join(servlet.Methods)));
    }

    public bool DeleteServlet(string name) => Execute("DELETE FROM servlets WHERE name = $name;", ("$name", name)) > 0;

    public IReadOnlyList<SipSecurityConstraint> GetConstraints()
    {
        var constraints = new List<SipSecurityConstraint>();
        using var command = Command("""
            SELECT name, servlets, methods, roles, proxy_authentication, transport_guarantee
            FROM security_constraints ORDER BY position;
            """);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            constraints.Add(new SipSecurityConstraint
            {
                Name = reader.GetString(0),
                Servlets = Split(reader.GetString(1)),
                Methods = Split(reader.GetString(2)),
                Roles = Split(reader.GetString(3)),
                ProxyAuthentication = reader.GetInt64(4) != 0,
                TransportGuarantee = Enum.Parse<SipTransportGuarantee>(reader.GetString(5)),
            });
        }

        return constraints;
    }

    public void PutConstraint(SipSecurityConstraint constraint)
    {
        ArgumentNullException.ThrowIfNull(constraint);
        Execute("""
            INSERT INTO security_constraints (name, position, servlets, methods, roles, proxy_authentication, transport_guarantee)
            VALUES ($name, (SELECT COALESCE(MAX(position), 0) + 1 FROM security_constraints), $servlets, $methods, $roles, $proxy, $guarantee)
            ON CONFLICT(name) DO UPDATE SET servlets = excluded.servlets, methods = excluded.methods, roles = excluded.roles,
                proxy_authentication = excluded.proxy_authentication, transport_guarantee = excluded.transport_guarantee;
            """,
            ("$name", constraint.Name),
            ("$servlets", Join(constraint.Servlets)),
            ("$methods", Join(constraint.Methods)),
            ("$roles", Join(constraint.Roles)),
            ("$proxy", constraint.ProxyAuthentication ? 1 : 0),
            ("$guarantee", constraint.TransportGuarantee.ToString()));
    }

    public bool DeleteConstraint(string name) => Execute("DELETE FROM security_constraints WHERE name = $name;", ("$name", name)) > 0;
}
