using System.Management.Automation;
using SipSecurity.Server.Configuration;

namespace SipSecurity.PowerShell;

/// <summary>Get-SipServerConfiguration: the server-wide settings (limits, registrar expiries, failure throttling).</summary>
[Cmdlet(VerbsCommon.Get, "SipServerConfiguration")]
[OutputType(typeof(SipServerSettings))]
public sealed class GetSipServerConfigurationCommand : SipStoreCmdlet
{
    protected override void ProcessRecord() =>
        WriteObject(Terminating(() => new SipServerSettingsManager(Store).Get()));
}
