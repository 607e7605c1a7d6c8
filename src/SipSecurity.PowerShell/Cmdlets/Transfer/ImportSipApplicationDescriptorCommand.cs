using System.Management.Automation;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Import;

namespace SipSecurity.PowerShell;

/// <summary>
/// Import-SipApplicationDescriptor: the servlets, security constraints and login config of a sip.xml,
/// in one transaction. Importing the same file again changes nothing.
/// </summary>
[Cmdlet(VerbsData.Import, "SipApplicationDescriptor", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(SipImportResult))]
public sealed class ImportSipApplicationDescriptorCommand : SipImportCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "LiteralPath")]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    /// <summary>The kind of a servlet whose servlet-class does not contain "Registrar".</summary>
    [Parameter]
    public SipServletKind DefaultKind { get; set; } = SipServletKind.Proxy;

    /// <summary>Allow a realm-name that invalidates stored users' A1 hashes.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        using var desired = ReadSource(() => SipApplicationDescriptorReader.Read(FilePath(Path), DefaultKind));
        var result = RunImport(desired, new SipImportOptions { AllowRealmChange = Force }, "Import sip.xml");
        if (result is not null)
        {
            WriteObject(result);
        }
    }
}
