using System.Management.Automation;
using System.Security;
using SipSecurity.KeyStores;

namespace SipSecurity.PowerShell;

/// <summary>
/// Export-SipPrivateKey: the seed's DumpPrivateKey program — an entry's private key as PKCS#8 PEM,
/// encrypted with -ExportPassword, or in the clear only with -NoEncryption. The file is owner-only.
/// </summary>
[Cmdlet(VerbsData.Export, "SipPrivateKey", SupportsShouldProcess = true, DefaultParameterSetName = EncryptedSet)]
[OutputType(typeof(FileInfo))]
public sealed class ExportSipPrivateKeyCommand : SipKeyStoreCmdlet
{
    private const string EncryptedSet = "Encrypted";
    private const string PlainSet = "NoEncryption";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("KeyStore")]
    public string Path { get; set; } = string.Empty;

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    public string Alias { get; set; } = string.Empty;

    [Parameter(Mandatory = true, Position = 2)]
    [Alias("File", "Destination")]
    public string FilePath { get; set; } = string.Empty;

    [Parameter(Mandatory = true)]
    public SecureString StorePassword { get; set; } = null!;

    /// <summary>JKS: the key entry's password when it differs from the store password.</summary>
    [Parameter]
    public SecureString? KeyPassword { get; set; }

    /// <summary>Encrypts the exported key (PBES2, AES-256-CBC).</summary>
    [Parameter(Mandatory = true, ParameterSetName = EncryptedSet)]
    public SecureString ExportPassword { get; set; } = null!;

    /// <summary>Write the key unencrypted, as the seed's DumpPrivateKey does (openssl -key reads it directly).</summary>
    [Parameter(Mandatory = true, ParameterSetName = PlainSet)]
    public SwitchParameter NoEncryption { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var path = ResolvePath(Path);
        var target = ResolvePath(FilePath);
        RefuseToOverwrite(target, Force);

        if (NoEncryption)
        {
            WriteWarning($"The private key of '{Alias}' is written unencrypted to '{target}': anyone who can read that file can impersonate its owner. The file is created owner-only.");
        }

        if (!ShouldProcess(target, $"Export the private key of '{Alias}'{(NoEncryption ? " unencrypted" : " encrypted")}"))
        {
            return;
        }

        Run(() => WithSecrets(StorePassword, KeyPassword ?? StorePassword, (storePassword, keyPassword) =>
        {
            var store = KeyStore.Open(path, storePassword);
            var pem = NoEncryption
                ? store.ExportPrivateKey(Alias, keyPassword)
                : WithSecret(ExportPassword, exportPassword => store.ExportPrivateKey(Alias, keyPassword, exportPassword));
            try
            {
                SecureFile.WriteAllBytes(target, pem);
            }
            finally
            {
                Array.Clear(pem);
            }

            return true;
        }));
        WriteObject(new FileInfo(target));
    }
}
