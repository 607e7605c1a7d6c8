using System.Management.Automation;
using SipSecurity.PowerShell.Completers;
using SipSecurity.Server.Configuration;

namespace SipSecurity.PowerShell;

/// <summary>Get-SipUser: users by name, wildcards allowed.</summary>
[Cmdlet(VerbsCommon.Get, "SipUser")]
[OutputType(typeof(SipUser))]
public sealed class GetSipUserCommand : SipStoreCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("UserName")]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(UserNameCompleter))]
    public string[] Name { get; set; } = ["*"];

    /// <summary>Only users holding this role.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(RoleNameCompleter))]
    public string? Role { get; set; }

    protected override void ProcessRecord()
    {
        var users = new SipUserManager(Store);
        foreach (var pattern in Name)
        {
            var found = Terminating(() => users.Find(pattern));
            if (found.Count == 0 && !SipWildcard.ContainsWildcards(pattern))
            {
                WriteError(ErrorRecords.From(SipUserManager.NotFound(pattern)));
                continue;
            }

            foreach (var user in found)
            {
                if (Role is null || user.Roles.Contains(Role, StringComparer.OrdinalIgnoreCase))
                {
                    WriteObject(user);
                }
            }
        }
    }
}
