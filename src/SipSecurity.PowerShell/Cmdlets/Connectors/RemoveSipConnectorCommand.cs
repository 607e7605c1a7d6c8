using System.Management.Automation;
using SipSecurity.PowerShell.Completers;
using SipSecurity.Server.Configuration;

namespace SipSecurity.PowerShell;

/// <summary>Remove-SipConnector: deletes connectors by name.</summary>
[Cmdlet(VerbsCommon.Remove, "SipConnector", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class RemoveSipConnectorCommand : SipStoreCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ConnectorName")]
    [ArgumentCompleter(typeof(ConnectorNameCompleter))]
    public string[] Name { get; set; } = [];

    protected override void ProcessRecord()
    {
        var connectors = new SipConnectorManager(Store);
        foreach (var name in Name)
        {
            if (ShouldProcess(name, "Remove SIP connector"))
            {
                Try(() => connectors.Remove(name));
            }
        }
    }
}
