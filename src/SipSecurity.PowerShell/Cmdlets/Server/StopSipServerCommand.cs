using System.Management.Automation;
using SipSecurity.Server.Hosting;

namespace SipSecurity.PowerShell;

/// <summary>Stop-SipServer: graceful stop (stop accepting, finish transactions, save bindings, close connections).</summary>
[Cmdlet(VerbsLifecycle.Stop, "SipServer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = "ByName")]
[OutputType(typeof(SipServer))]
public sealed class StopSipServerCommand : PSCmdlet
{
    [Parameter(ParameterSetName = "ByName", Position = 0, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "*";

    [Parameter(ParameterSetName = "ByObject", Mandatory = true, ValueFromPipeline = true)]
    public SipServer[] InputObject { get; set; } = [];

    /// <summary>How long to wait for pending transactions before closing connections.</summary>
    [Parameter]
    [ValidateRange(0, 300)]
    public int TimeoutSeconds { get; set; } = 5;

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        IEnumerable<SipServer> servers;
        if (ParameterSetName == "ByObject")
        {
            servers = InputObject;
        }
        else
        {
            var pattern = new WildcardPattern(Name, WildcardOptions.IgnoreCase);
            servers = SipServerRegistry.All.Where(s => pattern.IsMatch(s.Name)).ToArray();
            if (!servers.Any() && !WildcardPattern.ContainsWildcardCharacters(Name))
            {
                WriteError(ErrorRecords.Create("ServerNotFound", ErrorCategory.ObjectNotFound, $"No server named '{Name}' runs in this session.", Name));
            }
        }

        foreach (var server in servers)
        {
            if (!ShouldProcess(server.Name, "Stop SIP server"))
            {
                continue;
            }

            server.StopAsync(TimeSpan.FromSeconds(TimeoutSeconds)).GetAwaiter().GetResult();
            SipServerRegistry.Remove(server);
            WriteVerbose($"Server '{server.Name}' stopped.");
            if (PassThru)
            {
                WriteObject(server);
            }
        }
    }
}
