using System.Security.Authentication;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Tests.Security.Tls;

namespace SipSecurity.Server.Tests.Configuration;

public class SipTlsConfigurationManagerTests
{
    private static char[] Secret(string text = TlsTestKeyStores.Password) => text.ToCharArray();

    [Fact]
    public void Set_checks_the_keystore_then_stores_the_settings_and_the_password()
    {
        using var temp = new TempStore();
        using var stores = new TlsTestKeyStores();
        var path = stores.KeyStore("server.p12");
        var manager = new SipTlsConfigurationManager(temp.Store);
        var revision = temp.Store.ReadRevision();

        var change = manager.Set(new SipTlsConfigurationRequest { KeyStorePath = path, KeyStorePassword = Secret(), ClientAuthentication = SipClientAuthentication.Want });

        Assert.Equal(["KeyStorePath: (none) -> " + path, "ClientAuthentication: Disabled -> Want", "KeyStorePassword: stored"], change.Describe());
        Assert.Empty(change.Warnings);
        Assert.Equal("CN=server.example.com", change.Certificate.Subject);
        Assert.True(temp.Store.ReadRevision() > revision);
        var stored = manager.Get();
        Assert.Equal(path, stored.KeyStorePath);
        Assert.True(stored.HasKeyStorePassword);
        Assert.Equal(TlsTestKeyStores.Password, new string(temp.Store.Read(r => r.ReadTlsSecret(SipTlsSecret.KeyStorePassword))));
        var info = manager.GetInfo();
        Assert.Null(info.Problem);
        Assert.Equal("server", info.Certificate!.Alias);
        Assert.Equal([SipTlsProtocol.Tls12, SipTlsProtocol.Tls13], info.Protocols);
    }

    [Fact]
    public void A_later_change_validates_with_the_stored_password_and_keeps_what_it_does_not_name()
    {
        using var temp = new TempStore();
        using var stores = new TlsTestKeyStores();
        var path = stores.KeyStore("server.jks");
        var manager = new SipTlsConfigurationManager(temp.Store);
        manager.Set(new SipTlsConfigurationRequest { KeyStorePath = path, KeyStorePassword = Secret(), Alias = "server" });

        var change = manager.Set(new SipTlsConfigurationRequest { Protocols = [SipTlsProtocol.Tls13], HandshakeTimeout = TimeSpan.FromSeconds(5) });

        Assert.Equal(["Protocols: Tls12, Tls13 -> Tls13", "HandshakeTimeout: 00:00:10 -> 00:00:05"], change.Describe());
        var stored = manager.Get();
        Assert.Equal("server", stored.Alias);
        Assert.Equal(SslProtocols.Tls13, stored.Protocols);
        // Re-applying the same settings changes nothing but still raises the revision (the server reloads the file).
        var revision = temp.Store.ReadRevision();
        Assert.False(manager.Set(new SipTlsConfigurationRequest { KeyStorePassword = Secret() }).Changed);
        Assert.Equal(revision + 1, temp.Store.ReadRevision());
    }

    [Fact]
    public void A_wrong_password_or_a_missing_alias_stores_nothing()
    {
        using var temp = new TempStore();
        using var stores = new TlsTestKeyStores();
        var path = stores.KeyStore("server.p12");
        var manager = new SipTlsConfigurationManager(temp.Store);
        var revision = temp.Store.ReadRevision();

        var error = Assert.Throws<SipSecurityException>(() => manager.Set(new SipTlsConfigurationRequest { KeyStorePath = path, KeyStorePassword = Secret("Wr0ng-Guess") }));
        Assert.Equal("KeyStoreWrongPassword", error.ErrorId);
        Assert.Equal(SipErrorKind.SecurityError, error.Kind);
        error = Assert.Throws<SipSecurityException>(() => manager.Set(new SipTlsConfigurationRequest { KeyStorePath = path, KeyStorePassword = Secret(), Alias = "other" }));
        Assert.Equal("TlsAliasNotFound", error.ErrorId);
        error = Assert.Throws<SipSecurityException>(() => manager.Set(new SipTlsConfigurationRequest { KeyStorePath = path }));
        Assert.Equal("TlsKeyStorePasswordRequired", error.ErrorId);
        error = Assert.Throws<SipSecurityException>(() => manager.Set(new SipTlsConfigurationRequest { ClientAuthentication = SipClientAuthentication.Enabled }));
        Assert.Equal("TlsNotConfigured", error.ErrorId);

        Assert.Equal(revision, temp.Store.ReadRevision());
        Assert.False(manager.Get().HasKeyStorePassword);
    }

    [Fact]
    public void An_expired_certificate_needs_force_and_one_expiring_soon_gives_a_warning()
    {
        using var temp = new TempStore();
        using var stores = new TlsTestKeyStores();
        var expired = stores.KeyStore("expired.p12", notBefore: DateTimeOffset.UtcNow.AddDays(-40), validityDays: 30);
        var soon = stores.KeyStore("soon.p12", validityDays: 10);
        var manager = new SipTlsConfigurationManager(temp.Store);

        var error = Assert.Throws<SipSecurityException>(() => manager.Set(new SipTlsConfigurationRequest { KeyStorePath = expired, KeyStorePassword = Secret() }));
        Assert.Equal("CertificateExpired", error.ErrorId);
        Assert.Null(manager.Get().KeyStorePath);

        var forced = manager.Set(new SipTlsConfigurationRequest { KeyStorePath = expired, KeyStorePassword = Secret(), Force = true });
        Assert.Contains(forced.Warnings, w => w.Contains("expired", StringComparison.Ordinal) && w.Contains("-Force", StringComparison.Ordinal));
        Assert.StartsWith("CertificateExpired:", manager.GetInfo().Problem, StringComparison.Ordinal);

        var warned = manager.Plan(new SipTlsConfigurationRequest { KeyStorePath = soon, KeyStorePassword = Secret() });
        Assert.Contains(warned.Warnings, w => w.Contains("renew it soon", StringComparison.Ordinal));
        Assert.InRange(warned.Certificate.DaysLeft, 8, 10);
    }

    [Fact]
    public void Old_protocols_and_DisabledAll_are_accepted_with_warnings_and_bad_values_refused()
    {
        using var temp = new TempStore();
        using var stores = new TlsTestKeyStores();
        var path = stores.KeyStore("server.p12");
        var manager = new SipTlsConfigurationManager(temp.Store);

        var plan = manager.Plan(new SipTlsConfigurationRequest
        {
            KeyStorePath = path,
            KeyStorePassword = Secret(),
            Protocols = [SipTlsProtocol.Tls11, SipTlsProtocol.Tls12],
            ClientAuthentication = SipClientAuthentication.DisabledAll,
        });
        Assert.Equal(2, plan.Warnings.Count);
        Assert.Contains("Tls11 is enabled", plan.Warnings[0], StringComparison.Ordinal);
        Assert.Contains("DisabledAll", plan.Warnings[1], StringComparison.Ordinal);
        Assert.Null(manager.Get().KeyStorePath);

        Assert.Equal("UnknownCipherSuite", Assert.Throws<SipSecurityException>(() => manager.Plan(new SipTlsConfigurationRequest
        {
            KeyStorePath = path, KeyStorePassword = Secret(), CipherSuites = ["TLS_AES_128_GCM_SHA256", "RC4-MD5"],
        })).ErrorId);
        Assert.Equal("InvalidTlsSetting", Assert.Throws<SipSecurityException>(() => manager.Plan(new SipTlsConfigurationRequest
        {
            KeyStorePath = path, KeyStorePassword = Secret(), HandshakeTimeout = TimeSpan.FromSeconds(121),
        })).ErrorId);
        Assert.Equal("InvalidTlsSetting", Assert.Throws<SipSecurityException>(() => manager.Plan(new SipTlsConfigurationRequest
        {
            KeyStorePath = path, KeyStorePassword = Secret(), Protocols = [],
        })).ErrorId);
    }

    [Fact]
    public void A_separate_truststore_keeps_its_password_until_it_is_removed()
    {
        using var temp = new TempStore();
        using var stores = new TlsTestKeyStores();
        var path = stores.KeyStore("server.p12");
        var trust = stores.KeyStore("trust.p12", password: TlsTestKeyStores.OtherPassword, aliases: ["ca"]);
        var manager = new SipTlsConfigurationManager(temp.Store);

        Assert.Equal("TlsTrustStorePasswordRequired", Assert.Throws<SipSecurityException>(() =>
            manager.Set(new SipTlsConfigurationRequest { KeyStorePath = path, KeyStorePassword = Secret(), TrustStorePath = trust })).ErrorId);
        Assert.Equal("TrustStoreWrongPassword", Assert.Throws<SipSecurityException>(() =>
            manager.Set(new SipTlsConfigurationRequest { KeyStorePath = path, KeyStorePassword = Secret(), TrustStorePath = trust, TrustStorePassword = Secret() })).ErrorId);

        manager.Set(new SipTlsConfigurationRequest { KeyStorePath = path, KeyStorePassword = Secret(), TrustStorePath = trust, TrustStorePassword = Secret(TlsTestKeyStores.OtherPassword) });
        Assert.True(manager.Get().HasTrustStorePassword);

        var change = manager.Set(new SipTlsConfigurationRequest { TrustStorePath = string.Empty });
        Assert.Contains("TrustStorePassword: removed", change.Describe());
        Assert.False(manager.Get().HasTrustStorePassword);
        Assert.Null(manager.Get().TrustStorePath);
    }

    [Fact]
    public void GetInfo_reports_a_keystore_that_no_longer_opens_with_the_stored_password()
    {
        using var temp = new TempStore();
        using var stores = new TlsTestKeyStores();
        var path = stores.KeyStore("server.p12");
        var manager = new SipTlsConfigurationManager(temp.Store);
        manager.Set(new SipTlsConfigurationRequest { KeyStorePath = path, KeyStorePassword = Secret() });

        File.Delete(path);
        stores.KeyStore("server.p12", password: TlsTestKeyStores.OtherPassword);

        var info = manager.GetInfo();
        Assert.Null(info.Certificate);
        Assert.StartsWith("KeyStoreWrongPassword:", info.Problem, StringComparison.Ordinal);
        Assert.True(info.HasKeyStorePassword);
    }
}
