using System.Management.Automation;
using SipSecurity.Server.Configuration;

namespace SipSecurity.PowerShell;

/// <summary>Add-SipServlet: a servlet of a built-in kind and the SIP methods mapped to it.</summary>
[Cmdlet(VerbsCommon.Add, "SipServlet", SupportsShouldProcess = true)]
[OutputType(typeof(SipServlet))]
public sealed class AddSipServletCommand : SipStoreCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ServletName")]
    public string Name { get; set; } = string.Empty;

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    public SipServletKind Kind { get; set; }

    /// <summary>SIP methods mapped to the servlet; '*' maps every method no other servlet names.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Methods")]
    public string[] Method { get; set; } = [];

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (!ShouldProcess(Name, $"Add {Kind} servlet for {string.Join(",", Method)}"))
        {
            return;
        }

        Try(() =>
        {
            var servlet = new SipServletManager(Store).Add(Name, Kind, Method);
            if (PassThru)
            {
                WriteObject(servlet);
            }
        });
    }
}
