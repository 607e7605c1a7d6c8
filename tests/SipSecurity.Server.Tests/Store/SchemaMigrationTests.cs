using Microsoft.Data.Sqlite;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Store.Sqlite;

namespace SipSecurity.Server.Tests.Store;

public class SchemaMigrationTests
{
    [Fact]
    public void A_new_store_is_at_version_3_with_the_two_default_connectors_and_the_secrets_table()
    {
        using var temp = new TempStore();

        Assert.Equal(3, SqliteSchema.CurrentVersion);
        Assert.Equal(3, ReadUserVersion(temp.Path_));
        Assert.True(TableExists(temp.Path_, "secrets"));
        var connectors = temp.Store.Read(r => r.GetConnectors());
        Assert.Equal(
            [
                new SipConnector { Name = "tcp", Transport = SipTransportKind.Tcp, Address = "0.0.0.0", Port = 5060 },
                new SipConnector { Name = "udp", Transport = SipTransportKind.Udp, Address = "0.0.0.0", Port = 5060 },
            ],
            connectors);
        Assert.Equal(new SipServerSettings(), temp.Store.Read(r => r.GetServerSettings()));
        Assert.Empty(temp.Store.Read(r => r.GetRegistrations()));
    }

    [Fact]
    public void A_version_1_store_migrates_to_the_current_version_keeping_its_data_and_gaining_the_default_connectors()
    {
        var folder = Path.Combine(Path.GetTempPath(), "sipsec-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "sipsecurity.db");
        try
        {
            using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
            {
                connection.Open();
                SqliteSchema.Migrate(connection, 1);
                using var command = connection.CreateCommand();
                command.CommandText = """
                    INSERT INTO servlets (name, kind, methods) VALUES ('presence', 'Proxy', 'SUBSCRIBE');
                    UPDATE meta SET value = '7' WHERE key = 'revision';
                    """;
                command.ExecuteNonQuery();
            }

            Assert.Equal(1, ReadUserVersion(path));
            Assert.False(TableExists(path, "connectors"));

            using (var store = SqliteConfigStore.Open(path))
            {
                Assert.Equal(SqliteSchema.CurrentVersion, ReadUserVersion(path));
                Assert.Contains(store.Read(r => r.GetServlets()), s => s.Name == "presence");
                Assert.Equal(["tcp", "udp"], store.Read(r => r.GetConnectors()).Select(c => c.Name));
                Assert.Equal(new SipServerSettings(), store.Read(r => r.GetServerSettings()));
                Assert.Empty(store.Read(r => r.GetRegistrations()));
                // A migration is not a configuration change a running server must react to.
                Assert.Equal(7, store.ReadRevision());
            }

            // Opening again does not migrate twice (the default connectors would collide).
            using (var again = SqliteConfigStore.Open(path))
            {
                Assert.Equal(2, again.Read(r => r.GetConnectors()).Count);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_version_2_store_migrates_to_3_with_default_tls_settings_and_no_password()
    {
        var folder = Path.Combine(Path.GetTempPath(), "sipsec-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "sipsecurity.db");
        try
        {
            using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
            {
                connection.Open();
                SqliteSchema.Migrate(connection, 2);
                using var command = connection.CreateCommand();
                command.CommandText = "INSERT INTO connectors (name, transport, address, port) VALUES ('lan', 'Tcp', '192.0.2.1', 5070);";
                command.ExecuteNonQuery();
            }

            Assert.False(TableExists(path, "secrets"));
            using var store = SqliteConfigStore.Open(path);
            Assert.Equal(3, ReadUserVersion(path));
            Assert.Equal(["lan", "tcp", "udp"], store.Read(r => r.GetConnectors()).Select(c => c.Name));
            var tls = store.Read(r => r.GetTlsConfiguration());
            Assert.Null(tls.KeyStorePath);
            Assert.False(tls.HasKeyStorePassword);
            Assert.Null(store.Read(r => r.ReadTlsSecret(SipTlsSecret.KeyStorePassword)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int ReadUserVersion(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False;Mode=ReadOnly");
        connection.Open();
        return SqliteSchema.ReadVersion(connection);
    }

    private static bool TableExists(string path, string table)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False;Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $name;";
        command.Parameters.AddWithValue("$name", table);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }
}
