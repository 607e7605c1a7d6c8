using SipSecurity.KeyStores.Tests.Support;

namespace SipSecurity.KeyStores.Tests;

/// <summary>Our stores read by Java 17 keytool, and keytool's stores read by us.</summary>
public sealed class KeytoolInteropTests
{
    [Theory]
    [InlineData("jks")]
    [InlineData("p12")]
    public void KeytoolListsOurStoreWithOurFingerprints(string kind)
    {
        using var dir = new TempDir();
        string path = kind == "jks" ? Samples.OurJks(dir) : Samples.OurP12(dir);
        KeyStore store = KeyStore.Open(path, Passwords.Store);

        // A trusted entry too, so the listing shows both entry types.
        store.ImportTrustedCertificates("peer", KeyStore.Open(Samples.OurP12(new TempDir()), Passwords.Store).ExportCertificate("myclient"));
        store.Save(Passwords.Store);

        string listing = Tool.Keytool("-list", "-v", "-keystore", path, "-storepass:env", "SP").Ok().Output;
        Assert.Contains(kind == "jks" ? "Keystore type: JKS" : "Keystore type: PKCS12", listing, StringComparison.Ordinal);
        Assert.Contains("Entry type: PrivateKeyEntry", listing, StringComparison.Ordinal);
        Assert.Contains("Entry type: trustedCertEntry", listing, StringComparison.Ordinal);
        Assert.DoesNotContain("Unparseable", listing, StringComparison.Ordinal);
        Dictionary<string, string> fingerprints = Parse.KeytoolSha256(listing);
        Assert.Equal(2, fingerprints.Count);
        foreach (KeyStoreEntryInfo entry in store.GetEntries())
        {
            Assert.Equal(entry.Sha256Fingerprint, fingerprints[entry.Alias]);
        }
    }

    [Theory]
    [InlineData("JKS", "RSA")]
    [InlineData("PKCS12", "EC")]
    public void KeytoolGenkeypairStoreIsReadWithItsKey(string storeType, string keyAlgorithm)
    {
        using var dir = new TempDir();
        string path = dir.File("keytool." + storeType.ToLowerInvariant());
        Tool.Keytool("-genkeypair", "-alias", "myserver", "-keyalg", keyAlgorithm, "-validity", "365", "-storetype", storeType,
            "-keystore", path, "-storepass:env", "SP", "-keypass:env", storeType == "JKS" ? "KP" : "SP", "-dname", Samples.ServerDname).Ok();
        string keytoolSha256 = Parse.KeytoolSha256(Tool.Keytool("-list", "-v", "-keystore", path, "-storepass:env", "SP").Ok().Output)["myserver"];

        KeyStore store = KeyStore.Open(path, Passwords.Store, storeType == "JKS" ? KeyStoreType.Jks : KeyStoreType.Pkcs12);
        KeyStoreEntryInfo entry = store.GetEntry("myserver");
        Assert.Equal(KeyEntryType.PrivateKey, entry.EntryType);
        Assert.Equal(keyAlgorithm, entry.KeyAlgorithm);
        Assert.Equal(keytoolSha256, entry.Sha256Fingerprint);
        Assert.Equal("CN=James Smith, OU=Engineering, O=My Company, L=My City, ST=My State, C=US", entry.Subject);

        byte[] key = store.ExportPrivateKey("myserver", storeType == "JKS" ? Passwords.Key : default);
        Assert.True(KeyPairs.Match(key, entry.Certificate));
    }

    [Fact]
    public void KeytoolImportkeystoreResultIsReadWithKeys()
    {
        using var dir = new TempDir();
        string source = Samples.OurJks(dir);
        string destination = dir.File("converted.p12");
        Tool.Keytool("-importkeystore", "-srckeystore", source, "-srcstoretype", "JKS", "-srcstorepass:env", "SP", "-srcalias", "myserver", "-srckeypass:env", "KP",
            "-destkeystore", destination, "-deststoretype", "PKCS12", "-deststorepass:env", "SP", "-noprompt").Ok();

        KeyStore converted = KeyStore.Open(destination, Passwords.Store, KeyStoreType.Pkcs12);
        KeyStoreEntryInfo original = KeyStore.Open(source, Passwords.Store).GetEntry("myserver");
        KeyStoreEntryInfo entry = converted.GetEntry("myserver");
        Assert.Equal(original.Sha256Fingerprint, entry.Sha256Fingerprint);
        Assert.True(KeyPairs.Match(converted.ExportPrivateKey("myserver", default), entry.Certificate));
    }

    [Fact]
    public void KeytoolImportsOurPkcs12IntoJksLikeTheSeed()
    {
        // The seed's production step: keytool -importkeystore -srckeystore mystorage.pkcs12 -srcstoretype PKCS12 -destkeystore myserver.jks
        using var dir = new TempDir();
        string source = Samples.OurP12(dir);
        string destination = dir.File("myserver.jks");
        Tool.Keytool("-importkeystore", "-srckeystore", source, "-srcstoretype", "PKCS12", "-srcstorepass:env", "SP",
            "-destkeystore", destination, "-deststoretype", "JKS", "-deststorepass:env", "SP", "-noprompt").Ok();

        KeyStore jks = KeyStore.Open(destination, Passwords.Store, KeyStoreType.Jks);
        KeyStoreEntryInfo entry = jks.GetEntry("myclient");
        Assert.Equal(KeyStore.Open(source, Passwords.Store).GetEntry("myclient").Sha256Fingerprint, entry.Sha256Fingerprint);
        // keytool keeps the source (store) password as the key password.
        Assert.True(KeyPairs.Match(jks.ExportPrivateKey("myclient", Passwords.Store), entry.Certificate));
    }

    [Fact]
    public void KeytoolExportcertMatchesOurExport()
    {
        using var dir = new TempDir();
        string path = Samples.OurJks(dir);
        string exported = dir.File("client.cert");
        Tool.Keytool("-exportcert", "-alias", "myserver", "-file", exported, "-keystore", path, "-storepass:env", "SP", "-rfc").Ok();

        byte[] ours = KeyStore.Open(path, Passwords.Store).ExportCertificate("myserver");
        Assert.Equal(Normalize(File.ReadAllText(exported)), Normalize(System.Text.Encoding.ASCII.GetString(ours)));
    }

    private static string Normalize(string pem) => pem.Replace("\r", string.Empty, StringComparison.Ordinal).Trim();
}
