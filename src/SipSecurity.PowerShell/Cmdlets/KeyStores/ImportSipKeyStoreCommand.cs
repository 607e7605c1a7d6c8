using System.Management.Automation;
using System.Security;
using SipSecurity.KeyStores;

namespace SipSecurity.PowerShell;

/// <summary>Import-SipKeyStore: keytool -importkeystore — copies entries between JKS and PKCS#12 stores.</summary>
[Cmdlet(VerbsData.Import, "SipKeyStore", SupportsShouldProcess = true)]
[OutputType(typeof(KeyStoreEntryInfo))]
public sealed class ImportSipKeyStoreCommand : SipKeyStoreCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("SrcKeyStore")]
    public string SourcePath { get; set; } = string.Empty;

    /// <summary>The destination store; created when it does not exist.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("DestKeyStore", "Destination")]
    public string Path { get; set; } = string.Empty;

    [Parameter(Mandatory = true)]
    [Alias("SrcStorePass")]
    public SecureString SourcePassword { get; set; } = null!;

    [Parameter(Mandatory = true)]
    [Alias("DestStorePass")]
    public SecureString StorePassword { get; set; } = null!;

    /// <summary>JKS source: the key password when it differs from the source store password.</summary>
    [Parameter]
    public SecureString? SourceKeyPassword { get; set; }

    /// <summary>JKS destination: the password protecting copied keys (default: the destination store password).</summary>
    [Parameter]
    public SecureString? KeyPassword { get; set; }

    /// <summary>Fail unless the source is of this type.</summary>
    [Parameter]
    [Alias("SrcStoreType")]
    public KeyStoreType? SourceStoreType { get; set; }

    /// <summary>The type of a new destination; by default .jks files are JKS, others PKCS#12.</summary>
    [Parameter]
    [Alias("DestStoreType")]
    public KeyStoreType? StoreType { get; set; }

    /// <summary>Copy only these entries (all by default).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("SrcAlias")]
    public string[]? Alias { get; set; }

    /// <summary>Replace entries that exist in the destination.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var source = ResolvePath(SourcePath);
        var path = ResolvePath(Path);
        var what = Alias is null ? "all entries" : "entries " + string.Join(", ", Alias);
        if (!ShouldProcess(path, $"Copy {what} from '{source}'"))
        {
            return;
        }

        var copied = Run(() => WithSecrets(SourcePassword, StorePassword, (sourcePassword, storePassword) =>
            WithSecrets(SourceKeyPassword ?? SourcePassword, KeyPassword ?? StorePassword, (sourceKeyPassword, keyPassword) =>
            {
                var from = KeyStore.Open(source, sourcePassword, SourceStoreType);
                var to = File.Exists(path) ? KeyStore.Open(path, storePassword, StoreType) : KeyStore.CreateNew(path, StoreType ?? DefaultTypeFor(path));
                var entries = new List<KeyStoreEntryInfo>();
                foreach (var alias in Alias ?? [null!])
                {
                    entries.AddRange(to.ImportEntries(from, sourceKeyPassword, keyPassword, alias, null, Force));
                }

                to.Save(storePassword);
                return entries;
            })));
        WriteObject(copied, enumerateCollection: true);
    }
}
