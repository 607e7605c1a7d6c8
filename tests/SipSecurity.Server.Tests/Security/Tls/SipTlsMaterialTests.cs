using SipSecurity.KeyStores;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Security.Tls;

namespace SipSecurity.Server.Tests.Security.Tls;

public class SipTlsMaterialTests
{
    // Read at each use: a certificate made during the test is valid from the moment it was made.
    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    [Theory]
    [InlineData("server.p12")]
    [InlineData("server.jks")]
    public void Loads_the_only_key_entry_with_its_private_key_and_the_keystore_as_truststore(string name)
    {
        using var stores = new TlsTestKeyStores();
        var path = stores.KeyStore(name);

        using var material = SipTlsMaterial.Load(new SipTlsConfiguration { KeyStorePath = path }, TlsTestKeyStores.Password, default, Now);

        Assert.True(material.Certificate.HasPrivateKey);
        Assert.Equal("CN=server.example.com", material.Certificate.Subject);
        Assert.Empty(material.Intermediates);
        Assert.Equal(material.Certificate.Thumbprint, Assert.Single(material.TrustedCertificates).Thumbprint);
        Assert.Equal("server", material.Summary.Alias);
        Assert.Equal(new DateTimeOffset(material.Certificate.NotAfter.ToUniversalTime()), material.NotAfter);
        Assert.InRange(material.Summary.DaysLeft, 363, 365);
    }

    [Fact]
    public void Serves_the_configured_alias_among_several_key_entries_and_needs_one_when_there_are_several()
    {
        using var stores = new TlsTestKeyStores();
        var path = stores.KeyStore("two.p12", aliases: ["first", "second"]);

        using (var material = SipTlsMaterial.Load(new SipTlsConfiguration { KeyStorePath = path, Alias = "SECOND" }, TlsTestKeyStores.Password, default, Now))
        {
            Assert.Equal("CN=second.example.com", material.Certificate.Subject);
            Assert.Equal(2, material.TrustedCertificates.Count);
        }

        var error = Assert.Throws<SipSecurityException>(() => SipTlsMaterial.Load(new SipTlsConfiguration { KeyStorePath = path }, TlsTestKeyStores.Password, default, Now));
        Assert.Equal("TlsAliasRequired", error.ErrorId);
        Assert.Contains("'first', 'second'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_alias_a_trusted_entry_beside_the_key_entry_is_not_a_second_candidate()
    {
        using var stores = new TlsTestKeyStores();
        var path = stores.KeyStore("server.p12");
        var other = stores.KeyStore("client.p12", aliases: ["client"]);
        TlsTestKeyStores.Trust(other, TlsTestKeyStores.Password, "client", path, TlsTestKeyStores.Password, "client-ca");

        using var material = SipTlsMaterial.Load(new SipTlsConfiguration { KeyStorePath = path }, TlsTestKeyStores.Password, default, Now);

        Assert.Equal("server", material.Summary.Alias);
        Assert.Equal(2, material.TrustedCertificates.Count);
    }

    [Fact]
    public void Each_failure_has_an_id_naming_the_problem_and_no_password()
    {
        using var stores = new TlsTestKeyStores();
        var path = stores.KeyStore("server.p12");
        var other = stores.KeyStore("client.p12", aliases: ["client"]);
        TlsTestKeyStores.Trust(other, TlsTestKeyStores.Password, "client", path, TlsTestKeyStores.Password, "client-ca");

        AssertFails("TlsNotConfigured", new SipTlsConfiguration());
        AssertFails("TlsKeyStoreMissing", new SipTlsConfiguration { KeyStorePath = stores.File("absent.p12") });
        AssertFails("KeyStoreWrongPassword", new SipTlsConfiguration { KeyStorePath = path }, "Wr0ng-Guess");
        AssertFails("TlsAliasNotFound", new SipTlsConfiguration { KeyStorePath = path, Alias = "nobody" });
        AssertFails("TlsAliasHasNoPrivateKey", new SipTlsConfiguration { KeyStorePath = path, Alias = "client-ca" });

        File.WriteAllText(stores.File("garbage.p12"), "not a keystore");
        AssertFails("TlsKeyStoreUnreadable", new SipTlsConfiguration { KeyStorePath = stores.File("garbage.p12") });

        var trustOnly = stores.File("trust-only.p12");
        var empty = KeyStore.CreateNew(trustOnly, KeyStoreType.Pkcs12);
        empty.Save(TlsTestKeyStores.Password);
        TlsTestKeyStores.Trust(other, TlsTestKeyStores.Password, "client", trustOnly, TlsTestKeyStores.Password, "client-ca");
        AssertFails("TlsNoKeyEntry", new SipTlsConfiguration { KeyStorePath = trustOnly });
    }

    [Fact]
    public void A_certificate_outside_its_validity_is_refused()
    {
        using var stores = new TlsTestKeyStores();
        var expired = stores.KeyStore("expired.p12", notBefore: Now.AddDays(-400), validityDays: 365);
        var future = stores.KeyStore("future.p12", notBefore: Now.AddDays(10));

        AssertFails("CertificateExpired", new SipTlsConfiguration { KeyStorePath = expired });
        AssertFails("CertificateNotYetValid", new SipTlsConfiguration { KeyStorePath = future });
        // The same certificate loads at a moment inside its validity: "now" is the caller's.
        using var material = SipTlsMaterial.Load(new SipTlsConfiguration { KeyStorePath = expired }, TlsTestKeyStores.Password, default, Now.AddDays(-100));
        Assert.True(material.Certificate.HasPrivateKey);
    }

    [Fact]
    public void A_separate_truststore_opens_with_its_own_password()
    {
        using var stores = new TlsTestKeyStores();
        var path = stores.KeyStore("server.p12");
        var client = stores.KeyStore("client.jks", aliases: ["client"]);
        var trust = stores.File("trust.jks");
        KeyStore.CreateNew(trust, KeyStoreType.Jks).Save(TlsTestKeyStores.OtherPassword);
        TlsTestKeyStores.Trust(client, TlsTestKeyStores.Password, "client", trust, TlsTestKeyStores.OtherPassword, "client");
        var configuration = new SipTlsConfiguration { KeyStorePath = path, TrustStorePath = trust };

        using (var material = SipTlsMaterial.Load(configuration, TlsTestKeyStores.Password, TlsTestKeyStores.OtherPassword, Now))
        {
            Assert.Equal("CN=client.example.com", Assert.Single(material.TrustedCertificates).Subject);
        }

        AssertFails("TrustStoreWrongPassword", configuration, trustStorePassword: TlsTestKeyStores.Password);
        AssertFails("TrustStoreMissing", configuration with { TrustStorePath = stores.File("absent.jks") }, trustStorePassword: TlsTestKeyStores.OtherPassword);
    }

    [Fact]
    public void A_jks_key_with_its_own_password_is_refused_with_a_hint()
    {
        using var stores = new TlsTestKeyStores();
        var path = stores.File("keypass.jks");
        var store = KeyStore.CreateNew(path, KeyStoreType.Jks);
        store.GenerateKeyPair("server", new SelfSignedCertificateOptions { Subject = "CN=server", Algorithm = KeyAlgorithm.Ec }, "Other-Key-Pass");
        store.Save(TlsTestKeyStores.Password);

        AssertFails("TlsKeyPasswordDiffers", new SipTlsConfiguration { KeyStorePath = path });
    }

    private static void AssertFails(string errorId, SipTlsConfiguration configuration, string password = TlsTestKeyStores.Password, string trustStorePassword = "")
    {
        var error = Assert.Throws<SipSecurityException>(() => SipTlsMaterial.Load(configuration, password, trustStorePassword, Now));
        Assert.Equal(errorId, error.ErrorId);
        Assert.DoesNotContain(password, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TlsTestKeyStores.Password, error.ToString(), StringComparison.Ordinal);
    }
}
