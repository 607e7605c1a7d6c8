using System.Net;
using SipSecurity.KeyStores.Tests.Support;

namespace SipSecurity.KeyStores.Tests;

public sealed class GenerationTests
{
    [Fact]
    public void RsaDefaultEntryDescribesLikeKeytool()
    {
        using var dir = new TempDir();
        KeyStoreEntryInfo entry = KeyStore.Open(Samples.OurJks(dir), Passwords.Store).GetEntry("MyServer");

        Assert.Equal("myserver", entry.Alias);
        Assert.Equal(KeyEntryType.PrivateKey, entry.EntryType);
        Assert.Equal("RSA", entry.KeyAlgorithm);
        Assert.Equal(2048, entry.KeySize);
        Assert.Null(entry.Curve);
        Assert.Equal("SHA256WITHRSA", entry.SignatureAlgorithm.ToUpperInvariant());
        Assert.Equal("CN=James Smith, OU=Engineering, O=My Company, L=My City, ST=My State, C=US", entry.Subject);
        Assert.Equal(entry.Subject, entry.Issuer);
        Assert.True(entry.IsSelfSigned);
        Assert.Equal(1, entry.ChainLength);
        Assert.Equal(["DNS:sip.example.com", "DNS:localhost", "IP:192.0.2.10", "IP:::1"], entry.SubjectAlternativeNames);
        Assert.Matches("^([0-9A-F]{2}:){19}[0-9A-F]{2}$", entry.Sha1Fingerprint);
        Assert.Matches("^([0-9A-F]{2}:){31}[0-9A-F]{2}$", entry.Sha256Fingerprint);
        Assert.Matches("^[0-9a-f]+$", entry.SerialNumber);
        Assert.Equal(365, (entry.NotAfter - entry.NotBefore).TotalDays);
        Assert.NotNull(entry.CreationDate);
        Assert.Equal(entry.Sha256Fingerprint.Replace(":", string.Empty, StringComparison.Ordinal),
            entry.Certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256));
        Assert.False(entry.ExpiresWithin(TimeSpan.FromDays(30), DateTimeOffset.UtcNow));
        Assert.True(entry.ExpiresWithin(TimeSpan.FromDays(400), DateTimeOffset.UtcNow));
    }

    [Fact]
    public void EcP384UsesSha384AndNamesTheCurve()
    {
        using var dir = new TempDir();
        KeyStore store = KeyStore.CreateNew(dir.File("ec.p12"), KeyStoreType.Pkcs12);
        KeyStoreEntryInfo entry = store.GenerateKeyPair("ec", new SelfSignedCertificateOptions
        {
            Subject = "CN=ec.example.com",
            Algorithm = KeyAlgorithm.Ec,
            Curve = EcCurve.P384,
            ValidityDays = 30,
            IPAddresses = [IPAddress.Parse("10.0.0.1")],
        }, default);

        Assert.Equal("EC", entry.KeyAlgorithm);
        Assert.Equal(384, entry.KeySize);
        Assert.Equal("P-384", entry.Curve);
        Assert.Equal("SHA384WITHECDSA", entry.SignatureAlgorithm.ToUpperInvariant());
        Assert.Equal(["IP:10.0.0.1"], entry.SubjectAlternativeNames);
        Assert.True(entry.ExpiresWithin(TimeSpan.FromDays(31), DateTimeOffset.UtcNow));
    }

    [Fact]
    public void WeakRsaNeedsTheExplicitFlag()
    {
        using var dir = new TempDir();
        KeyStore store = KeyStore.CreateNew(dir.File("weak.jks"), KeyStoreType.Jks);
        var weak = new SelfSignedCertificateOptions { Subject = Samples.ServerDname, RsaKeySize = 1024 };
        Assert.True(weak.IsWeak);

        KeyStoreException ex = Assert.Throws<KeyStoreException>(() => store.GenerateKeyPair("myserver", weak, Passwords.Key));
        Assert.Equal(KeyStoreErrorIds.UnsupportedAlgorithm, ex.ErrorId);

        KeyStoreEntryInfo entry = store.GenerateKeyPair("myserver", new SelfSignedCertificateOptions { Subject = Samples.ServerDname, RsaKeySize = 1024, AllowWeakKey = true }, Passwords.Key);
        Assert.Equal(1024, entry.KeySize);
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(2049)]
    [InlineData(8192)]
    public void UnofferedRsaSizesAreRejected(int size)
    {
        KeyStore store = KeyStore.CreateNew("/nonexistent/x.p12", KeyStoreType.Pkcs12);
        KeyStoreException ex = Assert.Throws<KeyStoreException>(() =>
            store.GenerateKeyPair("a", new SelfSignedCertificateOptions { Subject = "CN=a", RsaKeySize = size, AllowWeakKey = true }, default));
        Assert.Equal(KeyStoreErrorIds.UnsupportedAlgorithm, ex.ErrorId);
    }

    [Fact]
    public void ExistingAliasIsNotOverwrittenUnlessAsked()
    {
        using var dir = new TempDir();
        KeyStore store = KeyStore.Open(Samples.OurP12(dir), Passwords.Store);
        var options = new SelfSignedCertificateOptions { Subject = "CN=again", Algorithm = KeyAlgorithm.Ec };

        KeyStoreException ex = Assert.Throws<KeyStoreException>(() => store.GenerateKeyPair("MYCLIENT", options, default));
        Assert.Equal(KeyStoreErrorIds.AliasExists, ex.ErrorId);
        Assert.Equal(store.Path, ex.Path);

        Assert.Equal("CN=again", store.GenerateKeyPair("myclient", options, default, overwrite: true).Subject);
        Assert.Single(store.Aliases);
    }
}
