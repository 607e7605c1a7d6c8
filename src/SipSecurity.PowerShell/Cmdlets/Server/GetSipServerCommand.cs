using System.Management.Automation;
using SipSecurity.Server.Hosting;

namespace SipSecurity.PowerShell;

/// <summary>Get-SipServer: the servers running in this session, with their endpoints and counters.</summary>
[Cmdlet(VerbsCommon.Get, "SipServer")]
[OutputType(typeof(SipServer))]
public sealed class GetSipServerCommand : PSCmdlet
{
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "*";

    protected override void ProcessRecord()
    {
        SipServerRegistry.RemoveStopped();
        var pattern = new WildcardPattern(Name, WildcardOptions.IgnoreCase);
        var found = SipServerRegistry.All.Where(s => pattern.IsMatch(s.Name)).ToArray();
        if (found.Length == 0 && !WildcardPattern.ContainsWildcardCharacters(Name))
        {
            WriteError(ErrorRecords.Create("ServerNotFound", ErrorCategory.ObjectNotFound, $"No server named '{Name}' runs in this session.", Name));
        }

        WriteObject(found, enumerateCollection: true);
    }
}
