using System.Management.Automation;
using SipSecurity.PowerShell.Completers;
using SipSecurity.Server.Configuration;

namespace SipSecurity.PowerShell;

/// <summary>Remove-SipServlet: deletes a servlet mapping.</summary>
[Cmdlet(VerbsCommon.Remove, "SipServlet", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class RemoveSipServletCommand : SipStoreCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ServletNameCompleter))]
    public string[] Name { get; set; } = [];

    /// <summary>Also remove the servlet from the security constraints that name it.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var servlets = new SipServletManager(Store);
        foreach (var name in Name)
        {
            if (ShouldProcess(name, "Remove SIP servlet"))
            {
                Try(() => servlets.Remove(name, Force));
            }
        }
    }
}
