using System.Management.Automation;
using SipSecurity.Server.Configuration;

namespace SipSecurity.PowerShell;

/// <summary>Get-SipLoginConfig: the auth method, realm and digest algorithms (sip.xml login-config).</summary>
[Cmdlet(VerbsCommon.Get, "SipLoginConfig")]
[OutputType(typeof(SipLoginConfig))]
public sealed class GetSipLoginConfigCommand : SipStoreCmdlet
{
    protected override void ProcessRecord() =>
        WriteObject(Terminating(() => new SipLoginConfigManager(Store).Get()));
}
