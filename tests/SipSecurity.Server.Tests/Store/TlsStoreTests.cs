using System.Security.Authentication;
using System.Text;
using Microsoft.Data.Sqlite;
using SipSecurity.Server.Configuration;

namespace SipSecurity.Server.Tests.Store;

public class TlsStoreTests
{
    [Fact]
    public void A_new_store_has_the_default_tls_settings_and_no_password()
    {
        using var temp = new TempStore();

        Assert.Equal(new SipTlsConfiguration().ToString(), temp.Store.Read(r => r.GetTlsConfiguration()).ToString());
        Assert.Null(temp.Store.Read(r => r.ReadTlsSecret(SipTlsSecret.KeyStorePassword)));
        Assert.Null(temp.Store.Read(r => r.ReadTlsSecret(SipTlsSecret.TrustStorePassword)));
    }

    [Fact]
    public void Tls_settings_round_trip_every_property_in_canonical_form()
    {
        using var temp = new TempStore();
        var keyStore = Path.Combine(temp.Folder, "server.p12");
        var trustStore = Path.Combine(temp.Folder, "trust.jks");
        var configuration = new SipTlsConfiguration
        {
            KeyStorePath = keyStore,
            Alias = "myserver",
            TrustStorePath = trustStore,
            ClientAuthentication = SipClientAuthentication.Want,
            Protocols = SslProtocols.Tls13,
            CipherSuites = ["tls_aes_256_gcm_sha384", "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384"],
            HandshakeTimeout = TimeSpan.FromSeconds(25),
        };

        temp.Store.Write(w => { w.PutTlsConfiguration(configuration); return true; });
        temp.Reopen();
        var stored = temp.Store.Read(r => r.GetTlsConfiguration());

        Assert.Equal(keyStore, stored.KeyStorePath);
        Assert.Equal("myserver", stored.Alias);
        Assert.Equal(trustStore, stored.TrustStorePath);
        Assert.Equal(SipClientAuthentication.Want, stored.ClientAuthentication);
        Assert.Equal(SslProtocols.Tls13, stored.Protocols);
        Assert.Equal(["TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256"], stored.CipherSuites);
        Assert.Equal(TimeSpan.FromSeconds(25), stored.HandshakeTimeout);
        Assert.False(stored.HasKeyStorePassword);

        // Null clears: back to the keystore as truststore, the only key entry, platform cipher suites.
        temp.Store.Write(w => { w.PutTlsConfiguration(new SipTlsConfiguration { KeyStorePath = keyStore }); return true; });
        stored = temp.Store.Read(r => r.GetTlsConfiguration());
        Assert.Null(stored.Alias);
        Assert.Null(stored.TrustStorePath);
        Assert.Equal(keyStore, stored.EffectiveTrustStorePath);
        Assert.Empty(stored.CipherSuites);
        Assert.Equal(SslProtocols.Tls12 | SslProtocols.Tls13, stored.Protocols);
    }

    [Fact]
    public void Passwords_are_utf8_blobs_in_their_own_table_read_back_as_chars_and_flagged_in_the_configuration()
    {
        using var temp = new TempStore();
        const string password = "pässwörd-€-1";

        temp.Store.Write(w => { w.PutTlsSecret(SipTlsSecret.KeyStorePassword, password); return true; });
        temp.Reopen();

        var read = temp.Store.Read(r => r.ReadTlsSecret(SipTlsSecret.KeyStorePassword));
        Assert.Equal(password, new string(read));
        var configuration = temp.Store.Read(r => r.GetTlsConfiguration());
        Assert.True(configuration.HasKeyStorePassword);
        Assert.False(configuration.HasTrustStorePassword);
        Assert.DoesNotContain(password, configuration.ToString(), StringComparison.Ordinal);

        using var connection = new SqliteConnection($"Data Source={temp.Path_};Pooling=False;Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT typeof(value), value FROM secrets WHERE name = 'tls.keystore_password';";
        using (var reader = command.ExecuteReader())
        {
            Assert.True(reader.Read());
            Assert.Equal("blob", reader.GetString(0));
            Assert.Equal(Encoding.UTF8.GetBytes(password), (byte[])reader.GetValue(1));
        }

        command.CommandText = "SELECT COUNT(*) FROM meta WHERE value LIKE '%pässwörd%';";
        Assert.Equal(0L, command.ExecuteScalar());
    }

    [Fact]
    public void Tls_writes_raise_the_revision_and_deleting_an_absent_password_does_not()
    {
        using var temp = new TempStore();
        var configuration = new SipTlsConfiguration { KeyStorePath = Path.Combine(temp.Folder, "server.p12") };
        long Revision() => temp.Store.ReadRevision();

        var start = Revision();
        temp.Store.Write(w => { w.PutTlsConfiguration(configuration); return true; });
        Assert.Equal(start + 1, Revision());
        // The same configuration again still raises it: the keystore file may have been replaced in place.
        temp.Store.Write(w => { w.PutTlsConfiguration(configuration); return true; });
        Assert.Equal(start + 2, Revision());
        temp.Store.Write(w => { w.PutTlsSecret(SipTlsSecret.TrustStorePassword, "secret-1"); return true; });
        Assert.Equal(start + 3, Revision());
        Assert.True(temp.Store.Write(w => w.DeleteTlsSecret(SipTlsSecret.TrustStorePassword)));
        Assert.Equal(start + 4, Revision());
        Assert.False(temp.Store.Write(w => w.DeleteTlsSecret(SipTlsSecret.TrustStorePassword)));
        Assert.Equal(start + 4, Revision());
        Assert.Null(temp.Store.Read(r => r.ReadTlsSecret(SipTlsSecret.TrustStorePassword)));
    }

    [Theory]
    [InlineData("relative/server.p12", null, 10, "InvalidTlsSetting")]
    [InlineData(null, "TLS_NOT_A_SUITE", 10, "UnknownCipherSuite")]
    [InlineData(null, null, 0, "InvalidTlsSetting")]
    [InlineData(null, null, 121, "InvalidTlsSetting")]
    public void Invalid_settings_are_refused_and_nothing_is_stored(string? keyStore, string? cipherSuite, int timeoutSeconds, string errorId)
    {
        using var temp = new TempStore();
        var configuration = new SipTlsConfiguration
        {
            KeyStorePath = keyStore ?? Path.Combine(temp.Folder, "server.p12"),
            CipherSuites = cipherSuite is null ? [] : [cipherSuite],
            HandshakeTimeout = TimeSpan.FromSeconds(timeoutSeconds),
        };
        var revision = temp.Store.ReadRevision();

        var error = Assert.Throws<SipSecurityException>(() => temp.Store.Write(w => { w.PutTlsConfiguration(configuration); return true; }));

        Assert.Equal(errorId, error.ErrorId);
        Assert.Equal(revision, temp.Store.ReadRevision());
        Assert.Null(temp.Store.Read(r => r.GetTlsConfiguration()).KeyStorePath);
    }

    [Fact]
    public void No_protocol_or_an_ssl_protocol_is_refused_and_an_empty_password_too()
    {
        using var temp = new TempStore();
        var keyStore = Path.Combine(temp.Folder, "server.p12");
        foreach (var protocols in new[] { SslProtocols.None, (SslProtocols)48 | SslProtocols.Tls12 })
        {
            var error = Assert.Throws<SipSecurityException>(() => temp.Store.Write(w =>
            {
                w.PutTlsConfiguration(new SipTlsConfiguration { KeyStorePath = keyStore, Protocols = protocols });
                return true;
            }));
            Assert.Equal("InvalidTlsSetting", error.ErrorId);
        }

        Assert.Throws<ArgumentException>(() => temp.Store.Write(w => { w.PutTlsSecret(SipTlsSecret.KeyStorePassword, ""); return true; }));
    }

    [Fact]
    public void A_corrupt_stored_setting_is_reported_as_StoreCorrupt()
    {
        using var temp = new TempStore();
        using (var connection = new SqliteConnection($"Data Source={temp.Path_};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO meta (key, value) VALUES ('tls.protocols', 'Ssl3');";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<SipSecurityException>(() => temp.Store.Read(r => r.GetTlsConfiguration()));
        Assert.Equal("StoreCorrupt", error.ErrorId);
        Assert.Equal("tls.protocols", error.Target);
    }
}
