using System.Management.Automation;
using System.Security;
using SipSecurity.KeyStores;
using SipSecurity.Server.Configuration;

namespace SipSecurity.PowerShell;

/// <summary>Get-SipKeyStoreEntry: keytool -list -v — the entries of a JKS or PKCS#12 store.</summary>
[Cmdlet(VerbsCommon.Get, "SipKeyStoreEntry")]
[OutputType(typeof(KeyStoreEntryInfo))]
public sealed class GetSipKeyStoreEntryCommand : SipKeyStoreCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("KeyStore", "FilePath")]
    public string Path { get; set; } = string.Empty;

    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    public string[] Alias { get; set; } = ["*"];

    [Parameter(Mandatory = true)]
    public SecureString StorePassword { get; set; } = null!;

    /// <summary>Fail unless the file is of this type (it is detected otherwise).</summary>
    [Parameter]
    public KeyStoreType? StoreType { get; set; }

    protected override void ProcessRecord()
    {
        var path = ResolvePath(Path);
        var entries = Run(() => WithSecret(StorePassword, password => KeyStore.Open(path, password, StoreType).GetEntries()));
        foreach (var pattern in Alias)
        {
            var wildcard = new SipWildcard(pattern);
            var found = entries.Where(e => wildcard.IsMatch(e.Alias)).ToArray();
            if (found.Length == 0 && !wildcard.HasWildcards)
            {
                WriteError(new ErrorRecord(new ItemNotFoundException($"The keystore '{path}' has no entry '{pattern}'."),
                    KeyStoreErrorIds.AliasNotFound, ErrorCategory.ObjectNotFound, pattern));
            }

            foreach (var entry in found)
            {
                WarnAboutValidity(entry);
                WriteObject(entry);
            }
        }
    }
}
