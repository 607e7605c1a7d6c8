using System.Management.Automation;
using SipSecurity.PowerShell.Completers;
using SipSecurity.Server.Configuration;

namespace SipSecurity.PowerShell;

/// <summary>Get-SipConnector: the endpoints the server listens on.</summary>
[Cmdlet(VerbsCommon.Get, "SipConnector")]
[OutputType(typeof(SipConnector))]
public sealed class GetSipConnectorCommand : SipStoreCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [Alias("ConnectorName")]
    [ArgumentCompleter(typeof(ConnectorNameCompleter))]
    public string[] Name { get; set; } = ["*"];

    protected override void ProcessRecord()
    {
        var connectors = new SipConnectorManager(Store);
        foreach (var pattern in Name)
        {
            var found = Terminating(() => connectors.Find(pattern));
            if (found.Count == 0 && !SipWildcard.ContainsWildcards(pattern))
            {
                WriteError(ErrorRecords.From(SipConnectorManager.NotFound(pattern)));
            }

            WriteObject(found, enumerateCollection: true);
        }
    }
}
