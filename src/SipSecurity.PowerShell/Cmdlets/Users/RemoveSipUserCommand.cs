using System.Management.Automation;
using SipSecurity.PowerShell.Completers;
using SipSecurity.Server.Configuration;

namespace SipSecurity.PowerShell;

/// <summary>Remove-SipUser: deletes users and their role assignments.</summary>
[Cmdlet(VerbsCommon.Remove, "SipUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class RemoveSipUserCommand : SipStoreCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("UserName")]
    [ArgumentCompleter(typeof(UserNameCompleter))]
    public string[] Name { get; set; } = [];

    protected override void ProcessRecord()
    {
        var users = new SipUserManager(Store);
        foreach (var name in Name)
        {
            if (ShouldProcess(name, "Remove SIP user"))
            {
                Try(() => users.Remove(name));
            }
        }
    }
}
