using System.Management.Automation;
using SipSecurity.Server.Configuration;

namespace SipSecurity.PowerShell;

/// <summary>
/// Get-SipTlsConfiguration: the TLS settings, whether each password is stored, and the served certificate (subject,
/// expiry, days left) when the keystore opens with the stored password, or the reason it does not.
/// </summary>
[Cmdlet(VerbsCommon.Get, "SipTlsConfiguration")]
[OutputType(typeof(SipTlsConfigurationInfo))]
public sealed class GetSipTlsConfigurationCommand : SipStoreCmdlet
{
    protected override void ProcessRecord()
    {
        var info = Terminating(new SipTlsConfigurationManager(Store).GetInfo);
        if (info.Problem is not null)
        {
            WriteWarning($"The server cannot serve this TLS configuration: {info.Problem}");
        }
        else if (info.Certificate is { } certificate && certificate.DaysLeft < SipTlsRules.ExpiryWarningWindow.TotalDays)
        {
            WriteWarning($"The certificate '{certificate.Subject}' expires on {certificate.NotAfter:u}, in {certificate.DaysLeft} days: renew it soon.");
        }

        WriteObject(info);
    }
}
