using System.Net;

namespace SipSecurity.KeyStores.Tests.Support;

/// <summary>
/// Key material shared by all tests: generated once per run (RSA generation is the slow part), then copied into
/// each test's own folder so tests can run in parallel without stepping on each other.
/// </summary>
internal static class Samples
{
    public const string ServerDname = "CN=James Smith, OU=Engineering, O=My Company, L=My City, S=My State, C=US";
    public const string ClientDname = "CN=John Doe, OU=Engineering, O=Some Work, L=Some City, S=Some State, C=US";

    private static readonly Lazy<string> s_folder = new(Create);

    /// <summary>Our JKS with an RSA-2048 entry "myserver" (store password Store, key password Key).</summary>
    public static string OurJks(TempDir dir) => CopyTo(dir, "ours.jks");

    /// <summary>Our PKCS#12 with an EC P-256 entry "myclient" (store password Store).</summary>
    public static string OurP12(TempDir dir) => CopyTo(dir, "ours.p12");

    /// <summary>A PKCS#12 with an RSA entry "rsa" (store password Store), for export tests with openssl's RSA tooling.</summary>
    public static string OurRsaP12(TempDir dir) => CopyTo(dir, "rsa.p12");

    public static SelfSignedCertificateOptions ServerOptions => new()
    {
        Subject = ServerDname,
        DnsNames = ["sip.example.com", "localhost"],
        IPAddresses = [IPAddress.Parse("192.0.2.10"), IPAddress.IPv6Loopback],
    };

    private static string CopyTo(TempDir dir, string name)
    {
        string target = dir.File(name);
        File.Copy(Path.Combine(s_folder.Value, name), target);
        return target;
    }

    private static string Create()
    {
        string folder = Directory.CreateTempSubdirectory("sipks-shared-").FullName;
        KeyStore jks = KeyStore.CreateNew(Path.Combine(folder, "ours.jks"), KeyStoreType.Jks);
        jks.GenerateKeyPair("myserver", ServerOptions, Passwords.Key);
        jks.Save(Passwords.Store);

        KeyStore p12 = KeyStore.CreateNew(Path.Combine(folder, "ours.p12"), KeyStoreType.Pkcs12);
        p12.GenerateKeyPair("myclient", new SelfSignedCertificateOptions { Subject = ClientDname, Algorithm = KeyAlgorithm.Ec, DnsNames = ["client.example.com"] }, default);
        p12.Save(Passwords.Store);

        // Same key as the JKS, so no second RSA generation.
        KeyStore rsa = KeyStore.CreateNew(Path.Combine(folder, "rsa.p12"), KeyStoreType.Pkcs12);
        rsa.ImportEntries(KeyStore.Open(jks.Path, Passwords.Store), Passwords.Key, default, "myserver", "rsa");
        rsa.Save(Passwords.Store);
        return folder;
    }
}
