using System.Management.Automation;
using SipSecurity.Server.Configuration;

namespace SipSecurity.PowerShell;

/// <summary>
/// Remove-SipRegistration: deletes bindings of an address of record, or one contact's binding. A running server
/// drops them from its location service when it sees the store change.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "SipRegistration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(void))]
public sealed class RemoveSipRegistrationCommand : SipStoreCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Aor", "UserName")]
    public string AddressOfRecord { get; set; } = string.Empty;

    /// <summary>Only the binding to this contact URI (exactly as registered); default: every binding of the AOR.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    public string? Contact { get; set; }

    protected override void ProcessRecord()
    {
        var what = Contact is null ? "Remove every SIP registration" : $"Remove the SIP registration of contact {Contact}";
        if (!ShouldProcess(AddressOfRecord, what))
        {
            return;
        }

        Try(() =>
        {
            var removed = new SipRegistrationManager(Store).Remove(AddressOfRecord, Contact);
            WriteVerbose($"Removed {removed} registration(s) of '{AddressOfRecord}'.");
        });
    }
}
