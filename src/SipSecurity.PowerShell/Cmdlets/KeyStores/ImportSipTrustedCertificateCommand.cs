using System.Management.Automation;
using System.Security;
using SipSecurity.KeyStores;

namespace SipSecurity.PowerShell;

/// <summary>Import-SipTrustedCertificate: keytool -importcert — a peer's certificate (or chain) as trusted entries.</summary>
[Cmdlet(VerbsData.Import, "SipTrustedCertificate", SupportsShouldProcess = true)]
[OutputType(typeof(KeyStoreEntryInfo))]
public sealed class ImportSipTrustedCertificateCommand : SipKeyStoreCmdlet
{
    /// <summary>The truststore; created when it does not exist.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("TrustStore", "KeyStore")]
    public string Path { get; set; } = string.Empty;

    /// <summary>A PEM, DER or PKCS#7 file with one certificate or a chain.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("File", "CertificateFile")]
    public string CertificatePath { get; set; } = string.Empty;

    [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
    public string Alias { get; set; } = string.Empty;

    [Parameter(Mandatory = true)]
    public SecureString StorePassword { get; set; } = null!;

    /// <summary>The type of a new truststore; by default .jks files are JKS, others PKCS#12.</summary>
    [Parameter]
    public KeyStoreType? StoreType { get; set; }

    /// <summary>Accept a certificate outside its validity period.</summary>
    [Parameter]
    public SwitchParameter AllowExpired { get; set; }

    /// <summary>Replace existing entries with these aliases.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var path = ResolvePath(Path);
        var certificatePath = ResolvePath(CertificatePath);
        if (!ShouldProcess(path, $"Trust the certificate(s) in '{certificatePath}' as '{Alias}'"))
        {
            return;
        }

        var entries = Run(() =>
        {
            var content = ReadInput(certificatePath);
            return WithSecret(StorePassword, password =>
            {
                var store = File.Exists(path) ? KeyStore.Open(path, password, StoreType) : KeyStore.CreateNew(path, StoreType ?? DefaultTypeFor(path));
                var imported = store.ImportTrustedCertificates(Alias, content, certificatePath, Force, AllowExpired);
                store.Save(password);
                return imported;
            });
        });
        WriteObject(entries, enumerateCollection: true);
    }

    private static byte[] ReadInput(string path)
    {
        if (!File.Exists(path))
        {
            throw new KeyStoreException(KeyStoreErrorIds.StoreNotFound, $"The certificate file '{path}' does not exist.", path);
        }

        return File.ReadAllBytes(path);
    }
}
