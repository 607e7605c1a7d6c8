using System.Text;
using SipSecurity.KeyStores.Tests.Support;

namespace SipSecurity.KeyStores.Tests;

/// <summary>Our PKCS#12, keys, certificates and CSRs used by OpenSSL 3, and OpenSSL's files read by us.</summary>
public sealed class OpensslInteropTests
{
    [Fact]
    public void OpensslReadsOurPkcs12WithTheSameFingerprint()
    {
        using var dir = new TempDir();
        string path = Samples.OurP12(dir);
        string info = Tool.Openssl("pkcs12", "-info", "-noout", "-in", path, "-passin", "env:SP").Ok().All;
        Assert.Contains("MAC: sha256", info, StringComparison.Ordinal);
        Assert.Contains("AES-256-CBC", info, StringComparison.Ordinal);

        string certs = dir.File("certs.pem");
        Tool.Openssl("pkcs12", "-in", path, "-passin", "env:SP", "-nokeys", "-out", certs).Ok();
        string fingerprint = Parse.OpensslFingerprint(Tool.Openssl("x509", "-in", certs, "-noout", "-fingerprint", "-sha256").Ok().Output);
        Assert.Equal(KeyStore.Open(path, Passwords.Store).GetEntry("myclient").Sha256Fingerprint, fingerprint);

        // The key decrypts too, and is the certificate's.
        string key = dir.File("key.pem");
        Tool.Openssl("pkcs12", "-in", path, "-passin", "env:SP", "-nocerts", "-nodes", "-out", key).Ok();
        Assert.Equal(PublicKey(certs, isCertificate: true), PublicKey(key, isCertificate: false));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void OpensslPkcs12ExportIsReadWithItsKey(bool withName)
    {
        // The seed's production step: openssl pkcs12 -inkey myprivate.key -in mycertificate.pem -export -out mystorage.pkcs12
        using var dir = new TempDir();
        (string key, string cert) = OpensslKeyAndCertificate(dir, "ec", ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"]);
        string p12 = dir.File("mystorage.pkcs12");
        var args = new List<string> { "pkcs12", "-inkey", key, "-in", cert, "-export", "-out", p12, "-passout", "env:SP" };
        if (withName)
        {
            args.AddRange(["-name", "myserver"]);
        }

        Tool.Run("openssl", args, Passwords.Environment).Ok();

        KeyStore store = KeyStore.Open(p12, Passwords.Store, KeyStoreType.Pkcs12);
        KeyStoreEntryInfo entry = Assert.Single(store.GetEntries());
        if (withName)
        {
            Assert.Equal("myserver", entry.Alias);
        }

        Assert.Equal(KeyEntryType.PrivateKey, entry.EntryType);
        Assert.True(KeyPairs.Match(store.ExportPrivateKey(entry.Alias, default), entry.Certificate));
    }

    [Fact]
    public void ExportedRsaKeyAndCertificateAreAMatchingPairForOpenssl()
    {
        using var dir = new TempDir();
        KeyStore store = KeyStore.Open(Samples.OurRsaP12(dir), Passwords.Store);
        string cert = dir.File("client.cert");
        string key = dir.File("clientprivate.key");
        string encrypted = dir.File("clientprivate.enc.key");
        File.WriteAllBytes(cert, store.ExportCertificate("rsa"));
        SecureFile.WriteAllBytes(key, store.ExportPrivateKey("rsa", default));
        SecureFile.WriteAllBytes(encrypted, store.ExportPrivateKey("rsa", default, Passwords.Export));

        string certModulus = Tool.Openssl("x509", "-in", cert, "-noout", "-modulus").Ok().Output;
        Assert.Equal(certModulus, Tool.Openssl("rsa", "-in", key, "-noout", "-modulus").Ok().Output);
        Assert.Equal(certModulus, Tool.Openssl("rsa", "-in", encrypted, "-passin", "env:EP", "-noout", "-modulus").Ok().Output);
        Assert.Contains("BEGIN ENCRYPTED PRIVATE KEY", File.ReadAllText(encrypted), StringComparison.Ordinal);
        Assert.NotEqual(0, Tool.Run("openssl", ["pkey", "-in", encrypted, "-passin", "pass:" + Passwords.Wrong, "-noout"]).ExitCode);
    }

    [Fact]
    public void ExportedEcKeyAndCertificateServeTlsToOpensslClient()
    {
        using var dir = new TempDir();
        KeyStore store = KeyStore.Open(Samples.OurP12(dir), Passwords.Store);
        string cert = dir.File("server.pem");
        string key = dir.File("server.key");
        File.WriteAllBytes(cert, store.ExportCertificate("myclient"));
        SecureFile.WriteAllBytes(key, store.ExportPrivateKey("myclient", default, Passwords.Export));

        Assert.Equal(PublicKey(cert, isCertificate: true), PublicKey(key, isCertificate: false, password: "env:EP"));
        TlsCheck.AssertHandshake(cert, key);
    }

    [Fact]
    public void CsrSignedByOpensslCaImportsAsReply()
    {
        using var dir = new TempDir();
        (string caKey, string caCert) = OpensslCa(dir);
        string jksPath = Samples.OurJks(dir);
        KeyStore store = KeyStore.Open(jksPath, Passwords.Store);

        string csr = dir.File("myserver.csr");
        File.WriteAllBytes(csr, store.CreateCertificateRequest("myserver", Passwords.Key));
        Assert.Contains("verify OK", Tool.Openssl("req", "-in", csr, "-noout", "-verify").Ok().All, StringComparison.OrdinalIgnoreCase);

        string signed = dir.File("myserver.signed.pem");
        Tool.Openssl("x509", "-req", "-in", csr, "-CA", caCert, "-CAkey", caKey, "-CAcreateserial", "-days", "30",
            "-copy_extensions", "copy", "-out", signed).Ok();

        byte[] reply = [.. File.ReadAllBytes(signed), .. File.ReadAllBytes(caCert)];
        KeyStoreEntryInfo entry = store.ImportCertificateReply("myserver", reply, Passwords.Key, "reply.pem");
        Assert.Equal(2, entry.ChainLength);
        Assert.Equal("CN=SipSecurity Test CA", entry.Issuer);
        Assert.Contains("DNS:sip.example.com", entry.SubjectAlternativeNames);
        store.Save(Passwords.Store);

        string listing = Tool.Keytool("-list", "-v", "-keystore", jksPath, "-storepass:env", "SP").Ok().Output;
        Assert.Contains("Certificate chain length: 2", listing, StringComparison.Ordinal);
        Assert.Equal(entry.Sha256Fingerprint, Parse.KeytoolSha256(listing)["myserver"]);

        string chain = dir.File("chain.pem");
        File.WriteAllBytes(chain, KeyStore.Open(jksPath, Passwords.Store).ExportCertificate("myserver", includeChain: true));
        Assert.Contains(": OK", Tool.Openssl("verify", "-CAfile", caCert, signed).Ok().Output, StringComparison.Ordinal);
        Assert.Equal(2, File.ReadAllText(chain).Split("BEGIN CERTIFICATE").Length - 1);
    }

    [Fact]
    public void ReplyWithoutChainIsCompletedFromTrustedEntries()
    {
        using var dir = new TempDir();
        (string caKey, string caCert) = OpensslCa(dir);
        KeyStore store = KeyStore.Open(Samples.OurP12(dir), Passwords.Store);
        store.ImportTrustedCertificates("testca", File.ReadAllBytes(caCert));
        string csr = dir.File("c.csr");
        File.WriteAllBytes(csr, store.CreateCertificateRequest("myclient", default, new CertificateRequestOptions { Subject = "CN=client.example.com", DnsNames = ["client.example.com", "alt.example.com"] }));
        string signed = dir.File("c.der");
        Tool.Openssl("x509", "-req", "-in", csr, "-CA", caCert, "-CAkey", caKey, "-CAcreateserial", "-days", "30",
            "-copy_extensions", "copy", "-outform", "DER", "-out", signed).Ok();

        KeyStoreEntryInfo entry = store.ImportCertificateReply("myclient", File.ReadAllBytes(signed), default);
        Assert.Equal(2, entry.ChainLength);
        Assert.Equal("CN=client.example.com", entry.Subject);
        Assert.Equal(["DNS:client.example.com", "DNS:alt.example.com"], entry.SubjectAlternativeNames);

        // The DER chain export is a PKCS#7 that OpenSSL prints.
        string p7 = dir.File("chain.p7b");
        File.WriteAllBytes(p7, store.ExportCertificate("myclient", CertificateEncoding.Der, includeChain: true));
        string printed = Tool.Openssl("pkcs7", "-inform", "DER", "-in", p7, "-print_certs", "-noout").Ok().Output;
        Assert.Contains("client.example.com", printed, StringComparison.Ordinal);
        Assert.Contains("SipSecurity Test CA", printed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pkcs1", false)]
    [InlineData("pkcs1-legacy-encrypted", true)]
    [InlineData("sec1-with-params", false)]
    [InlineData("pkcs8", false)]
    [InlineData("pkcs8-encrypted", true)]
    public void PemKeyAndCertificateBecomeAPkcs12AndThenAJks(string keyKind, bool encrypted)
    {
        using var dir = new TempDir();
        string key = dir.File("myprivate.key");
        switch (keyKind)
        {
            case "pkcs1":
                Tool.Openssl("genrsa", "-traditional", "-out", key, "2048").Ok();
                break;
            case "pkcs1-legacy-encrypted":
                Tool.Openssl("genrsa", "-traditional", "-aes256", "-passout", "env:EP", "-out", key, "2048").Ok();
                break;
            case "sec1-with-params":
                Tool.Openssl("ecparam", "-genkey", "-name", "prime256v1", "-out", key).Ok();
                break;
            case "pkcs8":
                Tool.Openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", key).Ok();
                break;
            default:
                Tool.Openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-aes-256-cbc", "-pass", "env:EP", "-out", key).Ok();
                break;
        }

        string cert = dir.File("mycertificate.pem");
        var req = new List<string> { "req", "-new", "-x509", "-key", key, "-subj", "/O=My Company/CN=sip.example.com", "-days", "30", "-out", cert };
        if (encrypted)
        {
            req.AddRange(["-passin", "env:EP"]);
        }

        Tool.Run("openssl", req, Passwords.Environment).Ok();

        string p12Path = dir.File("mystorage.pkcs12");
        KeyStore p12 = KeyStore.CreateNew(p12Path, KeyStoreType.Pkcs12);
        KeyStoreEntryInfo entry = p12.ImportKeyPair("mystorage", File.ReadAllBytes(key), encrypted ? Passwords.Export : default, File.ReadAllBytes(cert), default);
        Assert.Equal("CN=sip.example.com, O=My Company", entry.Subject);
        p12.Save(Passwords.Store);
        Tool.Openssl("pkcs12", "-info", "-noout", "-in", p12Path, "-passin", "env:SP").Ok();

        // And on to JKS, as the seed's keytool -importkeystore does.
        string jksPath = dir.File("myserver.jks");
        KeyStore jks = KeyStore.CreateNew(jksPath, KeyStoreType.Jks);
        jks.ImportEntries(KeyStore.Open(p12Path, Passwords.Store), default, Passwords.Key);
        jks.Save(Passwords.Store);
        string listing = Tool.Keytool("-list", "-v", "-keystore", jksPath, "-storepass:env", "SP").Ok().Output;
        Assert.Equal(entry.Sha256Fingerprint, Parse.KeytoolSha256(listing)["mystorage"]);
        Assert.Contains("PrivateKeyEntry", listing, StringComparison.Ordinal);
        Assert.True(KeyPairs.Match(KeyStore.Open(jksPath, Passwords.Store).ExportPrivateKey("mystorage", Passwords.Key), entry.Certificate));
    }

    internal static (string Key, string Cert) OpensslKeyAndCertificate(TempDir dir, string name, string[] genpkey)
    {
        string key = dir.File(name + ".key");
        string cert = dir.File(name + ".pem");
        Tool.Run("openssl", [.. genpkey, "-out", key], Passwords.Environment).Ok();
        Tool.Openssl("req", "-new", "-x509", "-key", key, "-subj", "/CN=" + name, "-days", "30", "-out", cert).Ok();
        return (key, cert);
    }

    private static (string Key, string Cert) OpensslCa(TempDir dir)
    {
        string key = dir.File("ca.key");
        string cert = dir.File("ca.pem");
        Tool.Openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key, "-out", cert,
            "-subj", "/CN=SipSecurity Test CA", "-days", "30",
            "-addext", "basicConstraints=critical,CA:true", "-addext", "keyUsage=critical,keyCertSign,cRLSign").Ok();
        return (key, cert);
    }

    private static string PublicKey(string path, bool isCertificate, string? password = null)
    {
        List<string> args = isCertificate ? ["x509", "-in", path, "-noout", "-pubkey"] : ["pkey", "-in", path, "-pubout"];
        if (password is not null)
        {
            args.AddRange(["-passin", password]);
        }

        string output = Tool.Run("openssl", args, Passwords.Environment).Ok().Output;
        Assert.Contains("BEGIN PUBLIC KEY", output, StringComparison.Ordinal);
        return output.Trim();
    }
}
