using SipSecurity.Server.Configuration;

namespace SipSecurity.Server.Store.Sqlite;

internal sealed partial class SqliteConfigSession
{
    public IReadOnlyList<SipConnector> GetConnectors()
    {
        var connectors = new List<SipConnector>();
        using var command = Command("SELECT name, transport, address, port FROM connectors ORDER BY name;");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            connectors.Add(new SipConnector
            {
                Name = reader.GetString(0),
                Transport = Enum.Parse<SipTransportKind>(reader.GetString(1)),
                Address = reader.GetString(2),
                Port = reader.GetInt32(3),
            });
        }

        return connectors;
    }

    public void PutConnector(SipConnector connector)
    {
        ArgumentNullException.ThrowIfNull(connector);
        Execute("""
            INSERT INTO connectors (name, transport, address, port) VALUES ($name, $transport, $address, $port)
            ON CONFLICT(name) DO UPDATE SET name = excluded.name, transport = excluded.transport,
                address = excluded.address, port = excluded.port;
            """,
            ("$name", connector.Name), ("$transport", connector.Transport.ToString()), ("$address", connector.Address), ("$port", connector.Port));
    }

    public bool DeleteConnector(string name) => Execute("DELETE FROM connectors WHERE name = $name;", ("$name", name)) > 0;
}
