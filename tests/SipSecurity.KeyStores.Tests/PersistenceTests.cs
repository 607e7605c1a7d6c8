using SipSecurity.KeyStores.Internal;
using SipSecurity.KeyStores.Tests.Support;

namespace SipSecurity.KeyStores.Tests;

/// <summary>Atomic, owner-only writes and round trips between formats.</summary>
public sealed class PersistenceTests
{
    [Fact]
    public void SavedStoresAndExportedKeysAreOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var dir = new TempDir();
        string jks = Samples.OurJks(dir);
        KeyStore store = KeyStore.Open(jks, Passwords.Store);
        File.SetUnixFileMode(jks, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        store.Save(Passwords.Store);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(jks));

        string key = dir.File("private.key");
        SecureFile.WriteAllBytes(key, store.ExportPrivateKey("myserver", Passwords.Key));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
    }

    [Fact]
    public void FailedWriteLeavesTheOriginalUntouched()
    {
        using var dir = new TempDir();
        string path = Samples.OurJks(dir);
        byte[] before = File.ReadAllBytes(path);

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write(new byte[100]);
            throw new InvalidOperationException("disk full");
        }));

        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal([Path.GetFileName(path)], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void SaveIntoMissingFolderIsIoErrorAndOriginalSurvives()
    {
        KeyStore store = KeyStore.CreateNew("/nonexistent-folder/x.p12", KeyStoreType.Pkcs12);
        KeyStoreException ex = Assert.Throws<KeyStoreException>(() => store.Save(Passwords.Store));
        Assert.Equal(KeyStoreErrorIds.IoError, ex.ErrorId);
        Passwords.AssertAbsent(ex.ToString());
    }

    [Fact]
    public void JksToPkcs12ToJksKeepsEntriesAndKeys()
    {
        using var dir = new TempDir();
        KeyStore jks = KeyStore.Open(Samples.OurJks(dir), Passwords.Store);
        jks.ImportTrustedCertificates("peer", KeyStore.Open(Samples.OurP12(dir), Passwords.Store).ExportCertificate("myclient"));

        KeyStore p12 = KeyStore.CreateNew(dir.File("copy.p12"), KeyStoreType.Pkcs12);
        Assert.Equal(2, p12.ImportEntries(jks, Passwords.Key, default).Count);
        p12.Save(Passwords.Store);

        KeyStore back = KeyStore.CreateNew(dir.File("back.jks"), KeyStoreType.Jks);
        back.ImportEntries(KeyStore.Open(p12.Path, Passwords.Store), default, "other-key-pass");
        back.Save("other-store-pass");

        KeyStore reopened = KeyStore.Open(back.Path, "other-store-pass", KeyStoreType.Jks);
        Assert.Equal(jks.GetEntries().Select(e => (e.Alias, e.EntryType, e.Sha256Fingerprint)), reopened.GetEntries().Select(e => (e.Alias, e.EntryType, e.Sha256Fingerprint)));
        Assert.True(KeyPairs.Match(reopened.ExportPrivateKey("myserver", "other-key-pass"), reopened.GetEntry("myserver").Certificate));
    }

    [Fact]
    public void ImportEntriesStopsBeforeChangingAnythingOnWrongKeyPassword()
    {
        using var dir = new TempDir();
        KeyStore source = KeyStore.Open(Samples.OurJks(dir), Passwords.Store);
        KeyStore destination = KeyStore.CreateNew(dir.File("d.p12"), KeyStoreType.Pkcs12);
        KeyStoreException ex = Assert.Throws<KeyStoreException>(() => destination.ImportEntries(source, Passwords.Wrong, default));
        Assert.Equal(KeyStoreErrorIds.WrongPassword, ex.ErrorId);
        Assert.Empty(destination.Aliases);
        Assert.Equal(KeyStoreErrorIds.AliasNotFound, Assert.Throws<KeyStoreException>(() => destination.ImportEntries(source, Passwords.Key, default, "nosuch")).ErrorId);

        IReadOnlyList<KeyStoreEntryInfo> copied = destination.ImportEntries(source, Passwords.Key, default, "MyServer", "renamed");
        Assert.Equal("renamed", Assert.Single(copied).Alias);
        Assert.Equal(KeyStoreErrorIds.AliasExists, Assert.Throws<KeyStoreException>(() => destination.ImportEntries(source, Passwords.Key, default, "myserver", "renamed")).ErrorId);
    }

    [Fact]
    public void TrustedChainImportAndRemovePersist()
    {
        using var dir = new TempDir();
        KeyStore source = KeyStore.Open(Samples.OurJks(dir), Passwords.Store);
        byte[] two = [.. source.ExportCertificate("myserver"), .. KeyStore.Open(Samples.OurP12(dir), Passwords.Store).ExportCertificate("myclient")];

        string path = dir.File("truststore.p12");
        KeyStore trust = KeyStore.OpenOrCreate(path, KeyStoreType.Pkcs12, Passwords.Store);
        Assert.False(trust.Exists);
        IReadOnlyList<KeyStoreEntryInfo> added = trust.ImportTrustedCertificates("ca", two);
        Assert.Equal(["ca", "ca-1"], added.Select(e => e.Alias));
        Assert.All(added, e => Assert.Equal(KeyEntryType.TrustedCertificate, e.EntryType));
        trust.Save(Passwords.Store);

        KeyStore reopened = KeyStore.Open(path, Passwords.Store);
        Assert.Equal(["ca", "ca-1"], reopened.Aliases);
        reopened.RemoveEntry("CA-1");
        reopened.Save(Passwords.Store);
        Assert.Equal(["ca"], KeyStore.Open(path, Passwords.Store).Aliases);
        Assert.Contains("trustedCertEntry", Tool.Keytool("-list", "-keystore", path, "-storepass:env", "SP").Ok().Output, StringComparison.Ordinal);
    }
}
