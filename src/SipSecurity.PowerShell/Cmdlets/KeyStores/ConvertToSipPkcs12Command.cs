using System.Management.Automation;
using System.Security;
using SipSecurity.KeyStores;

namespace SipSecurity.PowerShell;

/// <summary>
/// ConvertTo-SipPkcs12: openssl pkcs12 -export — a PEM private key (PKCS#1, PKCS#8, SEC1; encrypted or not)
/// and its certificate or chain into a PKCS#12 file, after checking that they match.
/// </summary>
[Cmdlet(VerbsData.ConvertTo, "SipPkcs12", SupportsShouldProcess = true)]
[OutputType(typeof(KeyStoreEntryInfo))]
public sealed class ConvertToSipPkcs12Command : SipKeyStoreCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("InKey", "PrivateKeyPath")]
    public string KeyPath { get; set; } = string.Empty;

    /// <summary>The certificate, or the chain with the leaf first (PEM).</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("In", "CertificateFile")]
    public string CertificatePath { get; set; } = string.Empty;

    /// <summary>The PKCS#12 file to write.</summary>
    [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
    [Alias("Out", "Destination")]
    public string Path { get; set; } = string.Empty;

    [Parameter(Mandatory = true)]
    [Alias("PassOut")]
    public SecureString StorePassword { get; set; } = null!;

    /// <summary>The password of an encrypted PEM key.</summary>
    [Parameter]
    [Alias("PassIn")]
    public SecureString? KeyFilePassword { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    public string Alias { get; set; } = "1";

    /// <summary>Overwrite an existing file.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var keyPath = ResolvePath(KeyPath);
        var certificatePath = ResolvePath(CertificatePath);
        var path = ResolvePath(Path);
        RefuseToOverwrite(path, Force);

        if (!ShouldProcess(path, $"Write a PKCS#12 store from '{keyPath}' and '{certificatePath}'"))
        {
            return;
        }

        var entry = Run(() =>
        {
            var key = ReadFile(keyPath);
            var certificates = ReadFile(certificatePath);
            try
            {
                return WithSecrets(StorePassword, KeyFilePassword, (storePassword, keyFilePassword) =>
                {
                    // Built beside the target and moved over it, so -Force never leaves a half-written file.
                    var staging = path + ".new-" + Guid.NewGuid().ToString("N");
                    try
                    {
                        var store = KeyStore.CreateNew(staging, KeyStoreType.Pkcs12);
                        var imported = store.ImportKeyPair(Alias, key, keyFilePassword, certificates, storePassword, overwrite: true);
                        store.Save(storePassword);
                        File.Move(staging, path, overwrite: true);
                        return imported;
                    }
                    finally
                    {
                        File.Delete(staging);
                    }
                });
            }
            finally
            {
                Array.Clear(key);
            }
        });
        WarnAboutValidity(entry);
        WriteObject(entry);
    }

    private static byte[] ReadFile(string path) => File.Exists(path)
        ? File.ReadAllBytes(path)
        : throw new KeyStoreException(KeyStoreErrorIds.StoreNotFound, $"The file '{path}' does not exist.", path);
}
