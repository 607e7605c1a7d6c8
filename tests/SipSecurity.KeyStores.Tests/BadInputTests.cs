using SipSecurity.KeyStores.Internal;
using SipSecurity.KeyStores.Tests.Support;

namespace SipSecurity.KeyStores.Tests;

/// <summary>Each failure has its stable ErrorId, names the file and alias, and never shows a password.</summary>
public sealed class BadInputTests
{
    [Theory]
    [InlineData("jks")]
    [InlineData("p12")]
    public void WrongStorePassword(string kind)
    {
        using var dir = new TempDir();
        string path = kind == "jks" ? Samples.OurJks(dir) : Samples.OurP12(dir);
        KeyStoreException ex = AssertError(KeyStoreErrorIds.WrongPassword, () => KeyStore.Open(path, Passwords.Wrong));
        Assert.Equal(path, ex.Path);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongJksKeyPasswordNamesTheAlias()
    {
        using var dir = new TempDir();
        KeyStore store = KeyStore.Open(Samples.OurJks(dir), Passwords.Store);
        KeyStoreException ex = AssertError(KeyStoreErrorIds.WrongPassword, () => store.ExportPrivateKey("myserver", Passwords.Wrong));
        Assert.Equal("myserver", ex.Alias);
        Assert.Contains("'myserver'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("jks", 0.5)]
    [InlineData("p12", 0.5)]
    [InlineData("p12", 0.98)]
    [InlineData("jks", 0.0)]
    public void TruncatedStoreIsCorrupt(string kind, double keep)
    {
        using var dir = new TempDir();
        string path = kind == "jks" ? Samples.OurJks(dir) : Samples.OurP12(dir);
        byte[] content = File.ReadAllBytes(path);
        File.WriteAllBytes(path, content[..(int)(content.Length * keep)]);
        KeyStoreException ex = AssertError(KeyStoreErrorIds.CorruptStore, () => KeyStore.Open(path, Passwords.Store));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TextFileIsCorrupt()
    {
        using var dir = new TempDir();
        string path = dir.File("notes.jks");
        File.WriteAllText(path, "-----BEGIN CERTIFICATE-----\nnot a keystore\n");
        AssertError(KeyStoreErrorIds.CorruptStore, () => KeyStore.Open(path, Passwords.Store));
    }

    [Theory]
    [InlineData("jks", KeyStoreType.Pkcs12)]
    [InlineData("p12", KeyStoreType.Jks)]
    public void DeclaredTypeMustMatchContent(string kind, KeyStoreType declared)
    {
        using var dir = new TempDir();
        string path = kind == "jks" ? Samples.OurJks(dir) : Samples.OurP12(dir);
        Assert.Equal(declared == KeyStoreType.Jks ? KeyStoreType.Pkcs12 : KeyStoreType.Jks, KeyStore.DetectType(path));
        KeyStoreException ex = AssertError(KeyStoreErrorIds.StoreTypeMismatch, () => KeyStore.Open(path, Passwords.Store, declared));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        AssertError(KeyStoreErrorIds.StoreTypeMismatch, () => KeyStore.OpenOrCreate(path, declared, Passwords.Store));
    }

    [Fact]
    public void KeyThatDoesNotMatchTheCertificate()
    {
        using var dir = new TempDir();
        KeyStore rsa = KeyStore.Open(Samples.OurRsaP12(dir), Passwords.Store);
        KeyStore ec = KeyStore.Open(Samples.OurP12(dir), Passwords.Store);
        byte[] ecKey = ec.ExportPrivateKey("myclient", default);
        byte[] rsaCert = rsa.ExportCertificate("rsa");

        KeyStoreException ex = AssertError(KeyStoreErrorIds.KeyCertificateMismatch, () => rsa.ImportKeyPair("mixed", ecKey, default, rsaCert, default));
        Assert.Equal("mixed", ex.Alias);
        AssertError(KeyStoreErrorIds.KeyCertificateMismatch, () => ec.ImportCertificateReply("myclient", rsaCert, default, "reply.pem"));
        Assert.False(rsa.ContainsAlias("mixed"));
    }

    [Fact]
    public void MissingAlias()
    {
        using var dir = new TempDir();
        KeyStore store = KeyStore.Open(Samples.OurJks(dir), Passwords.Store);
        foreach (Action action in new Action[]
        {
            () => store.GetEntry("nosuch"),
            () => store.ExportCertificate("nosuch"),
            () => store.ExportPrivateKey("nosuch", Passwords.Key),
            () => store.RemoveEntry("nosuch"),
            () => store.CreateCertificateRequest("nosuch", Passwords.Key),
        })
        {
            KeyStoreException ex = AssertError(KeyStoreErrorIds.AliasNotFound, action);
            Assert.Equal("nosuch", ex.Alias);
            Assert.Contains("'nosuch'", ex.Message, StringComparison.Ordinal);
            Assert.Contains(store.Path, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ExpiredCertificateIsRefusedUnlessAllowed()
    {
        using var dir = new TempDir();
        KeyStore source = KeyStore.CreateNew(dir.File("old.p12"), KeyStoreType.Pkcs12);
        source.GenerateKeyPair("old", new SelfSignedCertificateOptions
        {
            Subject = "CN=old.example.com",
            Algorithm = KeyAlgorithm.Ec,
            NotBefore = DateTimeOffset.UtcNow.AddDays(-10),
            ValidityDays = 2,
        }, default);
        Assert.True(source.GetEntry("old").IsExpired(DateTimeOffset.UtcNow));
        byte[] cert = source.ExportCertificate("old");

        KeyStore trust = KeyStore.CreateNew(dir.File("trust.jks"), KeyStoreType.Jks);
        KeyStoreException ex = AssertError(KeyStoreErrorIds.CertificateExpired, () => trust.ImportTrustedCertificates("old", cert, "old.pem"));
        Assert.Contains("old.pem", ex.Message, StringComparison.Ordinal);
        AssertError(KeyStoreErrorIds.CertificateExpired, () => trust.ImportKeyPair("old", source.ExportPrivateKey("old", default), default, cert, Passwords.Key));
        Assert.Single(trust.ImportTrustedCertificates("old", cert, allowExpired: true));
    }

    [Fact]
    public void WrongPemKeyPasswordAndGarbageInput()
    {
        using var dir = new TempDir();
        KeyStore store = KeyStore.Open(Samples.OurP12(dir), Passwords.Store);
        byte[] encrypted = store.ExportPrivateKey("myclient", default, Passwords.Export);
        byte[] cert = store.ExportCertificate("myclient");

        AssertError(KeyStoreErrorIds.WrongPassword, () => store.ImportKeyPair("x", encrypted, Passwords.Wrong, cert, default));
        AssertError(KeyStoreErrorIds.WrongPassword, () => store.ImportKeyPair("x", encrypted, default, cert, default));
        AssertError(KeyStoreErrorIds.InvalidInput, () => store.ImportKeyPair("x", "garbage"u8.ToArray(), default, cert, default));
        AssertError(KeyStoreErrorIds.InvalidInput, () => store.ImportTrustedCertificates("x", "garbage"u8.ToArray()));
        AssertError(KeyStoreErrorIds.NotKeyEntry, () => AddTrusted(store).ExportPrivateKey("peer", default));
    }

    [Fact]
    public void MissingStoreFileAndExistingNewFile()
    {
        using var dir = new TempDir();
        AssertError(KeyStoreErrorIds.StoreNotFound, () => KeyStore.Open(dir.File("absent.jks"), Passwords.Store));
        AssertError(KeyStoreErrorIds.StoreExists, () => KeyStore.CreateNew(Samples.OurJks(dir), KeyStoreType.Jks));
    }

    [Fact]
    public void JcekssIsNamedAsUnsupported()
    {
        Assert.Contains("JCEKS", StoreTypeDetector.Detect([0xCE, 0xCE, 0xCE, 0xCE, 0, 0, 0, 2]).Problem, StringComparison.Ordinal);
    }

    private static KeyStore AddTrusted(KeyStore store)
    {
        store.ImportTrustedCertificates("peer", store.ExportCertificate("myclient"));
        return store;
    }

    private static KeyStoreException AssertError(string errorId, Action action)
    {
        KeyStoreException ex = Assert.Throws<KeyStoreException>(action);
        Assert.Equal(errorId, ex.ErrorId);
        Passwords.AssertAbsent(ex.ToString());
        return ex;
    }

    private static KeyStoreException AssertError(string errorId, Func<object> action) => AssertError(errorId, () => { _ = action(); });
}
