using System.Management.Automation;
using SipSecurity.PowerShell.Completers;
using SipSecurity.Server.Configuration;

namespace SipSecurity.PowerShell;

/// <summary>
/// Set-SipSecurityConstraint: creates or changes a sip.xml security-constraint. Idempotent; parameters
/// left out keep their current value.
/// </summary>
[Cmdlet(VerbsCommon.Set, "SipSecurityConstraint", SupportsShouldProcess = true)]
[OutputType(typeof(SipSecurityConstraint))]
public sealed class SetSipSecurityConstraintCommand : SipStoreCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("DisplayName")]
    [ArgumentCompleter(typeof(ConstraintNameCompleter))]
    public string Name { get; set; } = string.Empty;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Servlets", "ServletName")]
    [ArgumentCompleter(typeof(ServletNameCompleter))]
    public string[]? Servlet { get; set; }

    /// <summary>SIP methods covered; an empty list covers every method.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Methods", "SipMethod")]
    [AllowEmptyCollection]
    public string[]? Method { get; set; }

    /// <summary>Roles allowed; '*' means any authenticated user.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Roles", "RoleName")]
    [AllowEmptyCollection]
    [ArgumentCompleter(typeof(RoleNameCompleter))]
    public string[]? Role { get; set; }

    /// <summary>Challenge with 407 Proxy-Authenticate instead of 401 WWW-Authenticate.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public SwitchParameter ProxyAuthentication { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public SipTransportGuarantee? TransportGuarantee { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var spec = new SipConstraintSpec
        {
            Name = Name,
            Servlets = Servlet,
            Methods = Method,
            Roles = Role,
            ProxyAuthentication = MyInvocation.BoundParameters.ContainsKey(nameof(ProxyAuthentication)) ? ProxyAuthentication.IsPresent : null,
            TransportGuarantee = TransportGuarantee,
        };
        var manager = new SipSecurityConstraintManager(Store);
        Try(() =>
        {
            var plan = manager.Plan(spec);
            if (!plan.Changed)
            {
                WriteVerbose($"Security constraint '{Name}' already has these settings.");
            }
            else if (ShouldProcess(Name, "Set security constraint: " + string.Join("; ", plan.Describe())))
            {
                plan = manager.Set(spec);
            }
            else
            {
                return;
            }

            if (PassThru)
            {
                WriteObject(plan.After);
            }
        });
    }
}
