using System.Management.Automation;
using SipSecurity.Server.Configuration;

namespace SipSecurity.PowerShell;

/// <summary>Add-SipConnector: an endpoint (transport, IP address, port) the server listens on.</summary>
[Cmdlet(VerbsCommon.Add, "SipConnector", SupportsShouldProcess = true)]
[OutputType(typeof(SipConnector))]
public sealed class AddSipConnectorCommand : SipStoreCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    public SipTransportKind Transport { get; set; }

    /// <summary>An IP literal: 0.0.0.0 (every IPv4 address), :: (every IPv6 address) or one address.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("IPAddress")]
    public string Address { get; set; } = SipConnectorManager.DefaultAddress;

    /// <summary>1 to 65535, or 0 to let the OS choose when the server starts; default 5061 for Tls, else 5060.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public int? Port { get; set; }

    /// <summary>Default: the transport and the port, for example udp-5070.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("ConnectorName")]
    public string? Name { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        Try(() =>
        {
            // Validates before asking, so -WhatIf names the connector that would be added.
            var connector = SipConnectorManager.Describe(Name, Transport, Address, Port);
            if (!ShouldProcess(connector.Name, $"Add connector {connector}"))
            {
                return;
            }

            connector = new SipConnectorManager(Store).Add(Name, Transport, Address, Port);
            if (PassThru)
            {
                WriteObject(connector);
            }
        });
    }
}
