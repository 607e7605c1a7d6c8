using System.Management.Automation;
using System.Security;
using SipSecurity.KeyStores;

namespace SipSecurity.PowerShell;

/// <summary>Remove-SipKeyStoreEntry: keytool -delete — removes entries from a store.</summary>
[Cmdlet(VerbsCommon.Remove, "SipKeyStoreEntry", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveSipKeyStoreEntryCommand : SipKeyStoreCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("KeyStore")]
    public string Path { get; set; } = string.Empty;

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    public string[] Alias { get; set; } = [];

    [Parameter(Mandatory = true)]
    public SecureString StorePassword { get; set; } = null!;

    protected override void ProcessRecord()
    {
        var path = ResolvePath(Path);
        var targets = Alias.Where(a => ShouldProcess($"{path} alias {a}", "Remove keystore entry")).ToArray();
        if (targets.Length == 0)
        {
            return;
        }

        Run(() => WithSecret(StorePassword, password =>
        {
            var store = KeyStore.Open(path, password);
            foreach (var alias in targets)
            {
                store.RemoveEntry(alias);
            }

            store.Save(password);
            return true;
        }));
    }
}
