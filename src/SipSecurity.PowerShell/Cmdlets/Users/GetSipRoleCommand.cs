using System.Management.Automation;
using SipSecurity.PowerShell.Completers;
using SipSecurity.Server.Configuration;

namespace SipSecurity.PowerShell;

/// <summary>Get-SipRole: each role with its members (roles exist by assignment).</summary>
[Cmdlet(VerbsCommon.Get, "SipRole")]
[OutputType(typeof(SipRole))]
public sealed class GetSipRoleCommand : SipStoreCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(RoleNameCompleter))]
    public string[] Name { get; set; } = ["*"];

    protected override void ProcessRecord()
    {
        var roles = Terminating(() => Store.Read(r => r.GetRoles()));
        foreach (var pattern in Name)
        {
            var wildcard = new SipWildcard(pattern);
            var found = roles.Where(r => wildcard.IsMatch(r.Name)).ToArray();
            if (found.Length == 0 && !wildcard.HasWildcards)
            {
                WriteError(ErrorRecords.Create("RoleNotFound", ErrorCategory.ObjectNotFound, $"No user holds a role named '{pattern}'.", pattern));
            }

            WriteObject(found, enumerateCollection: true);
        }
    }
}
