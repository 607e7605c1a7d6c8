using System.Management.Automation;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Registrar;

namespace SipSecurity.PowerShell;

/// <summary>Get-SipRegistration: the registrar's bindings (address of record to contact) kept in the store.</summary>
[Cmdlet(VerbsCommon.Get, "SipRegistration")]
[OutputType(typeof(SipRegistration))]
public sealed class GetSipRegistrationCommand : SipStoreCmdlet
{
    /// <summary>An address of record, a user name (any domain) or a wildcard pattern.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [Alias("Aor", "UserName")]
    public string[] AddressOfRecord { get; set; } = ["*"];

    /// <summary>Also bindings that have expired but that the server has not purged yet.</summary>
    [Parameter]
    public SwitchParameter IncludeExpired { get; set; }

    protected override void ProcessRecord()
    {
        var registrations = new SipRegistrationManager(Store);
        DateTimeOffset? now = IncludeExpired ? null : DateTimeOffset.UtcNow;
        foreach (var pattern in AddressOfRecord)
        {
            Try(() => WriteObject(registrations.Find(pattern, now), enumerateCollection: true));
        }
    }
}
