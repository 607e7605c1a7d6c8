using System.Reflection;
using Microsoft.Data.Sqlite;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Registrar;
using SipSecurity.Server.Store.Sqlite;

namespace SipSecurity.Server.Tests.Store;

public class ServerStoreTests
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Connectors_round_trip_and_delete()
    {
        using var temp = new TempStore();
        var connector = new SipConnector { Name = "lan", Transport = SipTransportKind.Tcp, Address = "2001:db8::1", Port = 5070 };

        temp.Store.Write(w => { w.PutConnector(connector); return true; });
        temp.Reopen();

        Assert.Equal(connector, temp.Store.Read(r => r.GetConnectors()).Single(c => c.Name == "lan"));
        Assert.True(temp.Store.Write(w => w.DeleteConnector("LAN")));
        Assert.False(temp.Store.Write(w => w.DeleteConnector("lan")));
        Assert.Equal(["tcp", "udp"], temp.Store.Read(r => r.GetConnectors()).Select(c => c.Name));
    }

    [Fact]
    public void The_store_refuses_two_connectors_on_one_endpoint()
    {
        using var temp = new TempStore();
        var error = Assert.Throws<SipSecurityException>(() => temp.Store.Write(w =>
        {
            w.PutConnector(new SipConnector { Name = "udp2", Transport = SipTransportKind.Udp, Address = "0.0.0.0", Port = 5060 });
            return true;
        }));
        Assert.IsType<SqliteException>(error.InnerException);
    }

    [Fact]
    public void Server_settings_round_trip_every_property()
    {
        using var temp = new TempStore();
        var changed = new SipServerSettings
        {
            NonceLifetime = TimeSpan.FromMinutes(7),
            FailuresBeforeDelay = 3,
            FailureDelay = TimeSpan.FromMilliseconds(1500),
            FailuresBeforeBlock = 9,
            FailureWindow = TimeSpan.FromMinutes(2),
            BlockDuration = TimeSpan.FromHours(1),
            MinExpires = 30,
            MaxExpires = 7200,
            DefaultExpires = 600,
            MaxBindingsPerAor = 4,
            MaxMessageSize = 8192,
            MaxHeaderCount = 64,
            MaxConnections = 100,
            MaxConnectionsPerSource = 10,
            ConnectionIdleTimeout = TimeSpan.FromSeconds(90),
        };
        // The test changes every property, so a property the store forgets fails it.
        foreach (var property in typeof(SipServerSettings).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            Assert.NotEqual(property.GetValue(new SipServerSettings()), property.GetValue(changed));
        }

        temp.Store.Write(w => { w.PutServerSettings(changed); return true; });
        temp.Reopen();

        Assert.Equal(changed, temp.Store.Read(r => r.GetServerSettings()));
        Assert.Equal(typeof(SipServerSettings).GetProperties().Length, ServerSettingKeys.All.Count);
    }

    [Fact]
    public void Putting_equal_settings_does_not_raise_the_revision_and_invalid_ones_are_refused()
    {
        using var temp = new TempStore();
        var settings = new SipServerSettings { MaxExpires = 7200 };
        temp.Store.Write(w => { w.PutServerSettings(settings); return true; });
        var revision = temp.Store.ReadRevision();

        temp.Store.Write(w => { w.PutServerSettings(settings); return true; });
        var error = Assert.Throws<SipSecurityException>(() => temp.Store.Write(w => { w.PutServerSettings(settings with { MinExpires = 0 }); return true; }));

        Assert.Equal(revision, temp.Store.ReadRevision());
        Assert.Equal("InvalidSetting", error.ErrorId);
        Assert.Equal("MinExpires", error.Target);
        Assert.Equal(settings, temp.Store.Read(r => r.GetServerSettings()));
    }

    [Fact]
    public void A_missing_setting_has_its_default_and_a_damaged_one_is_reported()
    {
        using var temp = new TempStore();
        temp.Store.Write(w => { w.PutServerSettings(new SipServerSettings { MaxHeaderCount = 99 }); return true; });
        Execute(temp.Path_, "DELETE FROM meta WHERE key = 'server.max_header_count';");
        Assert.Equal(new SipServerSettings(), temp.Store.Read(r => r.GetServerSettings()));

        Execute(temp.Path_, "UPDATE meta SET value = 'ten' WHERE key = 'server.min_expires';");
        var error = Assert.Throws<SipSecurityException>(() => temp.Store.Read(r => r.GetServerSettings()));
        Assert.Equal("StoreCorrupt", error.ErrorId);
        Assert.Contains("server.min_expires", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bindings_are_not_written_over_a_store_that_changed_since_the_expected_revision()
    {
        using var temp = new TempStore();
        var revision = temp.Store.ReadRevision();
        var alice = Binding("sip:alice@example.com", "sip:alice@192.0.2.1:5060", s_now.AddMinutes(10));

        Assert.True(temp.Store.SaveBindings([alice], [], revision));
        // An operator removes it (the revision rises); a flush still expecting the old revision writes nothing.
        temp.Store.Write(w => w.DeleteRegistrations(alice.Aor));
        Assert.False(temp.Store.SaveBindings([alice with { CSeq = 2 }], [], revision));

        Assert.Empty(temp.Store.LoadBindings(s_now));
        Assert.True(temp.Store.SaveBindings([alice with { CSeq = 2 }], [], temp.Store.ReadRevision()));
    }

    [Fact]
    public void Bindings_round_trip_without_raising_the_revision()
    {
        using var temp = new TempStore();
        var revision = temp.Store.ReadRevision();
        var alice = Binding("sip:alice@example.com", "sip:alice@192.0.2.1:5060", s_now.AddMinutes(10)) with { Q = 0.7, UserAgent = "Linphone/5.2" };
        var alice2 = Binding("sip:alice@example.com", "sip:alice@192.0.2.9:5062;transport=tcp", s_now.AddMinutes(20)) with { Transport = SipTransportKind.Tcp };
        var bob = Binding("sip:bob@example.com", "sip:bob@198.51.100.7", s_now.AddMinutes(30));

        temp.Store.SaveBindings([alice, alice2, bob], []);
        temp.Store.SaveBindings([alice with { CSeq = 3, Expires = s_now.AddMinutes(15) }], [new SipRegistrationKey(bob.Aor, bob.Contact)]);
        temp.Reopen();

        Assert.Equal(revision, temp.Store.ReadRevision());
        var loaded = temp.Store.LoadBindings(s_now);
        Assert.Equal([alice with { CSeq = 3, Expires = s_now.AddMinutes(15) }, alice2], loaded);
        Assert.Equal([alice2], temp.Store.Read(r => r.GetRegistrations("sip:alice@example.com")).Where(b => b.Transport == SipTransportKind.Tcp));
    }

    [Fact]
    public void LoadBindings_returns_only_unexpired_bindings_and_drops_the_others()
    {
        using var temp = new TempStore();
        var live = Binding("sip:alice@example.com", "sip:alice@192.0.2.1", s_now.AddSeconds(1));
        var expired = Binding("sip:bob@example.com", "sip:bob@192.0.2.2", s_now);
        temp.Store.SaveBindings([live, expired], []);
        var revision = temp.Store.ReadRevision();

        Assert.Equal([live], temp.Store.LoadBindings(s_now));
        Assert.Equal([live], temp.Store.Read(r => r.GetRegistrations()));
        Assert.Equal(revision, temp.Store.ReadRevision());
    }

    [Fact]
    public void DeleteRegistrations_raises_the_revision_so_the_server_reconciles()
    {
        using var temp = new TempStore();
        temp.Store.SaveBindings(
            [
                Binding("sip:alice@example.com", "sip:a@192.0.2.1", s_now.AddHours(1)),
                Binding("sip:alice@example.com", "sip:a@192.0.2.2", s_now.AddHours(1)),
                Binding("sip:bob@example.com", "sip:b@192.0.2.3", s_now.AddHours(1)),
            ],
            []);
        var revision = temp.Store.ReadRevision();

        Assert.Equal(1, temp.Store.Write(w => w.DeleteRegistrations("sip:alice@example.com", "sip:a@192.0.2.2")));
        Assert.Equal(revision + 1, temp.Store.ReadRevision());
        Assert.Equal(0, temp.Store.Write(w => w.DeleteRegistrations("sip:carol@example.com")));
        Assert.Equal(revision + 1, temp.Store.ReadRevision());
        Assert.Equal(1, temp.Store.Write(w => w.DeleteRegistrations("sip:alice@example.com")));
        Assert.Equal(revision + 2, temp.Store.ReadRevision());
        Assert.Equal(["sip:bob@example.com"], temp.Store.Read(r => r.GetRegistrations()).Select(b => b.Aor));
    }

    internal static SipRegistration Binding(string aor, string contact, DateTimeOffset expires) => new()
    {
        Aor = aor,
        Contact = contact,
        Expires = expires,
        CallId = "c-" + contact,
        CSeq = 1,
        Transport = SipTransportKind.Udp,
        Source = "UDP 192.0.2.1:5060",
        Updated = s_now,
    };

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
