using System.Management.Automation;
using SipSecurity.PowerShell.Completers;
using SipSecurity.Server.Configuration;

namespace SipSecurity.PowerShell;

/// <summary>Get-SipSecurityConstraint: the security constraints, in the order they were added.</summary>
[Cmdlet(VerbsCommon.Get, "SipSecurityConstraint")]
[OutputType(typeof(SipSecurityConstraint))]
public sealed class GetSipSecurityConstraintCommand : SipStoreCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [Alias("DisplayName")]
    [ArgumentCompleter(typeof(ConstraintNameCompleter))]
    public string[] Name { get; set; } = ["*"];

    protected override void ProcessRecord()
    {
        var constraints = new SipSecurityConstraintManager(Store);
        foreach (var pattern in Name)
        {
            var found = Terminating(() => constraints.Find(pattern));
            if (found.Count == 0 && !SipWildcard.ContainsWildcards(pattern))
            {
                WriteError(ErrorRecords.From(SipSecurityConstraintManager.NotFound(pattern)));
            }

            WriteObject(found, enumerateCollection: true);
        }
    }
}
