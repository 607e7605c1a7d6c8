using System.Management.Automation;
using SipSecurity.Server.Export;

namespace SipSecurity.PowerShell;

/// <summary>
/// Export-SipUserStore: the users as JBoss users.properties (MD5 A1) and roles.properties. Users without an
/// MD5 A1 for the current realm, and disabled users, are skipped with a warning. Files are owner-only.
/// </summary>
[Cmdlet(VerbsData.Export, "SipUserStore", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportSipUserStoreCommand : SipStoreCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [Alias("UsersProperties")]
    [ValidateNotNullOrEmpty]
    public string UsersPath { get; set; } = string.Empty;

    [Parameter(Mandatory = true, Position = 1)]
    [Alias("RolesProperties")]
    [ValidateNotNullOrEmpty]
    public string RolesPath { get; set; } = string.Empty;

    /// <summary>Overwrite existing files.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        var users = GetUnresolvedProviderPathFromPSPath(UsersPath);
        var roles = GetUnresolvedProviderPathFromPSPath(RolesPath);
        var export = Terminating(() => JBossUserStoreExporter.Build(Store));
        foreach (var skipped in export.Skipped)
        {
            WriteWarning(skipped);
        }

        if (ShouldProcess($"{users}, {roles}", $"Export {export.Exported.Count} SIP users as JBoss properties files"))
        {
            var utf8 = new System.Text.UTF8Encoding(false);
            Terminating(() =>
            {
                OwnerOnlyFile.WriteAll([(users, utf8.GetBytes(export.UsersText)), (roles, utf8.GetBytes(export.RolesText))], Force);
                return true;
            });
            if (PassThru)
            {
                WriteObject(new FileInfo(users));
                WriteObject(new FileInfo(roles));
            }
        }

        base.EndProcessing();
    }
}
