using SipSecurity.KeyStores;

namespace SipSecurity.Server.Tests.Security.Tls;

/// <summary>Keystores for the TLS tests, made with SipSecurity.KeyStores in a temporary folder deleted afterwards.</summary>
internal sealed class TlsTestKeyStores : IDisposable
{
    public const string Password = "Tls-St0re-Secret";
    public const string OtherPassword = "Trust-St0re-Secret";

    public TlsTestKeyStores() => Folder = Directory.CreateTempSubdirectory("sipsec-tls-").FullName;

    public string Folder { get; }

    public string File(string name) => Path.Combine(Folder, name);

    /// <summary>A keystore with one self-signed EC P-256 key entry per alias (quicker to make than RSA).</summary>
    public string KeyStore(string name, string password = Password, DateTimeOffset? notBefore = null, int validityDays = 365, params string[] aliases)
    {
        var path = File(name);
        var type = name.EndsWith(".jks", StringComparison.OrdinalIgnoreCase) ? KeyStoreType.Jks : KeyStoreType.Pkcs12;
        var store = SipSecurity.KeyStores.KeyStore.OpenOrCreate(path, type, password);
        foreach (var alias in aliases.Length == 0 ? ["server"] : aliases)
        {
            store.GenerateKeyPair(alias, new SelfSignedCertificateOptions
            {
                Subject = $"CN={alias}.example.com",
                Algorithm = KeyAlgorithm.Ec,
                NotBefore = notBefore,
                ValidityDays = validityDays,
                DnsNames = [$"{alias}.example.com"],
            }, password);
        }

        store.Save(password);
        return path;
    }

    /// <summary>Adds <paramref name="alias"/> of <paramref name="from"/> as a trusted certificate entry of <paramref name="to"/>.</summary>
    public static void Trust(string from, string fromPassword, string alias, string to, string toPassword, string trustedAlias)
    {
        var certificate = SipSecurity.KeyStores.KeyStore.Open(from, fromPassword).ExportCertificate(alias);
        var target = SipSecurity.KeyStores.KeyStore.Open(to, toPassword);
        target.ImportTrustedCertificates(trustedAlias, certificate);
        target.Save(toPassword);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
