using System.Management.Automation;
using SipSecurity.PowerShell.Completers;
using SipSecurity.Server.Configuration;

namespace SipSecurity.PowerShell;

/// <summary>Remove-SipSecurityConstraint: deletes constraints by name.</summary>
[Cmdlet(VerbsCommon.Remove, "SipSecurityConstraint", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class RemoveSipSecurityConstraintCommand : SipStoreCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("DisplayName")]
    [ArgumentCompleter(typeof(ConstraintNameCompleter))]
    public string[] Name { get; set; } = [];

    protected override void ProcessRecord()
    {
        var constraints = new SipSecurityConstraintManager(Store);
        foreach (var name in Name)
        {
            if (ShouldProcess(name, "Remove security constraint"))
            {
                Try(() => constraints.Remove(name));
            }
        }
    }
}
