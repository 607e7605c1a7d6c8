using System.Management.Automation;
using System.Security;
using SipSecurity.KeyStores;

namespace SipSecurity.PowerShell;

/// <summary>
/// Import-SipCertificateReply: keytool -importcert of a CA reply — the signed certificate (and chain)
/// replaces the entry's self-signed one, after checking that it belongs to the entry's key.
/// </summary>
[Cmdlet(VerbsData.Import, "SipCertificateReply", SupportsShouldProcess = true)]
[OutputType(typeof(KeyStoreEntryInfo))]
public sealed class ImportSipCertificateReplyCommand : SipKeyStoreCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("KeyStore")]
    public string Path { get; set; } = string.Empty;

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    public string Alias { get; set; } = string.Empty;

    /// <summary>The CA's reply: a certificate or chain (PEM, DER or PKCS#7).</summary>
    [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
    [Alias("File", "CertificateFile")]
    public string CertificatePath { get; set; } = string.Empty;

    [Parameter(Mandatory = true)]
    public SecureString StorePassword { get; set; } = null!;

    [Parameter]
    public SecureString? KeyPassword { get; set; }

    [Parameter]
    public SwitchParameter AllowExpired { get; set; }

    protected override void ProcessRecord()
    {
        var path = ResolvePath(Path);
        var reply = ResolvePath(CertificatePath);
        if (!ShouldProcess($"{path} alias {Alias}", $"Replace the certificate with the CA reply '{reply}'"))
        {
            return;
        }

        var entry = Run(() =>
        {
            var content = File.Exists(reply)
                ? File.ReadAllBytes(reply)
                : throw new KeyStoreException(KeyStoreErrorIds.StoreNotFound, $"The file '{reply}' does not exist.", reply);
            return WithSecrets(StorePassword, KeyPassword ?? StorePassword, (storePassword, keyPassword) =>
            {
                var store = KeyStore.Open(path, storePassword);
                var imported = store.ImportCertificateReply(Alias, content, keyPassword, reply, AllowExpired);
                store.Save(storePassword);
                return imported;
            });
        });
        WriteObject(entry);
    }
}
