using System.Management.Automation;
using SipSecurity.Server.Export;

namespace SipSecurity.PowerShell;

/// <summary>
/// Export-SipConfiguration: the whole store as indented JSON (login config, servlets, constraints, users with
/// roles); A1 hashes only with -IncludeCredentials. Written owner-only and atomically.
/// </summary>
[Cmdlet(VerbsData.Export, "SipConfiguration", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportSipConfigurationCommand : SipStoreCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [Alias("LiteralPath")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    /// <summary>Include each user's A1 hashes (and the realm they were made for).</summary>
    [Parameter]
    public SwitchParameter IncludeCredentials { get; set; }

    /// <summary>Overwrite an existing file.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        var path = GetUnresolvedProviderPathFromPSPath(Path);
        var document = Terminating(() => SipConfigurationExporter.Export(Store, IncludeCredentials));
        if (ShouldProcess(path, $"Export the SIP configuration ({document.Users.Count} users{(IncludeCredentials ? ", with A1 hashes" : string.Empty)})"))
        {
            Terminating(() =>
            {
                OwnerOnlyFile.Write(path, SipConfigurationExporter.ToJson(document), Force);
                return true;
            });
            if (IncludeCredentials)
            {
                WriteWarning($"{path} holds the users' A1 hashes, which work like passwords for this realm. Keep it owner-only and delete it when it is no longer needed.");
            }

            if (PassThru)
            {
                WriteObject(new FileInfo(path));
            }
        }

        base.EndProcessing();
    }
}
