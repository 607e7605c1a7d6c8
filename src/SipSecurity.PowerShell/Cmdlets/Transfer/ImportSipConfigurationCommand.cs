using System.Management.Automation;
using SipSecurity.Server.Import;

namespace SipSecurity.PowerShell;

/// <summary>
/// Import-SipConfiguration: a file from Export-SipConfiguration, in one transaction. By default it merges
/// (what the file has is created or updated, the rest of the store stays); -Replace makes the store equal to the file.
/// </summary>
[Cmdlet(VerbsData.Import, "SipConfiguration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(SipImportResult))]
public sealed class ImportSipConfigurationCommand : SipImportCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "LiteralPath")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    /// <summary>Remove servlets, constraints and users the file does not have.</summary>
    [Parameter]
    public SwitchParameter Replace { get; set; }

    /// <summary>Allow a realm change that invalidates stored users' A1 hashes.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        using var desired = ReadSource(() => SipConfigurationReader.Read(FilePath(Path)));
        var result = RunImport(desired, new SipImportOptions { Replace = Replace, AllowRealmChange = Force }, Replace ? "Replace the configuration" : "Merge the configuration");
        if (result is not null)
        {
            WriteObject(result);
        }
    }
}
