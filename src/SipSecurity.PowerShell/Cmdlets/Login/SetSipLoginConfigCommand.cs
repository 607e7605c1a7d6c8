using System.Management.Automation;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Security.Digest;

namespace SipSecurity.PowerShell;

/// <summary>Set-SipLoginConfig: auth method, realm and the digest algorithms offered, in order.</summary>
[Cmdlet(VerbsCommon.Set, "SipLoginConfig", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(SipLoginConfig))]
public sealed class SetSipLoginConfigCommand : SipStoreCmdlet
{
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public SipAuthMethod? AuthMethod { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("RealmName")]
    public string? Realm { get; set; }

    /// <summary>Challenges are offered in this order (first = preferred).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Algorithms")]
    public DigestAlgorithm[]? Algorithm { get; set; }

    /// <summary>Change the realm even though it invalidates stored A1 hashes.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var manager = new SipLoginConfigManager(Store);
        var plan = Terminating(() => manager.Plan(AuthMethod, Realm, Algorithm));
        if (!plan.Changed)
        {
            WriteVerbose("The login config already has these settings.");
        }
        else if (!ShouldProcess(Store.Location, "Set login config: " + string.Join("; ", plan.Describe())))
        {
            return;
        }
        else
        {
            plan = Terminating(() => manager.Set(AuthMethod, Realm, Algorithm, Force));
            if (plan.AffectedUsers.Count > 0)
            {
                WriteWarning($"{plan.AffectedUsers.Count} user(s) cannot authenticate until they get a new password (Set-SipUser -Password): {string.Join(", ", plan.AffectedUsers.Take(10))}{(plan.AffectedUsers.Count > 10 ? ", ..." : string.Empty)}");
            }
        }

        if (PassThru)
        {
            WriteObject(plan.After);
        }
    }
}
