using System.Management.Automation;
using SipSecurity.PowerShell.Completers;
using SipSecurity.Server.Configuration;

namespace SipSecurity.PowerShell;

/// <summary>Get-SipServlet: servlets and the methods mapped to them.</summary>
[Cmdlet(VerbsCommon.Get, "SipServlet")]
[OutputType(typeof(SipServlet))]
public sealed class GetSipServletCommand : SipStoreCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ServletNameCompleter))]
    public string[] Name { get; set; } = ["*"];

    protected override void ProcessRecord()
    {
        var servlets = new SipServletManager(Store);
        foreach (var pattern in Name)
        {
            var found = Terminating(() => servlets.Find(pattern));
            if (found.Count == 0 && !SipWildcard.ContainsWildcards(pattern))
            {
                WriteError(ErrorRecords.From(SipServletManager.NotFound(pattern)));
            }

            WriteObject(found, enumerateCollection: true);
        }
    }
}
