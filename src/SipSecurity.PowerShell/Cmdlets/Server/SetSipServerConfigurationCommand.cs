using System.Management.Automation;
using SipSecurity.Server.Configuration;

namespace SipSecurity.PowerShell;

/// <summary>
/// Set-SipServerConfiguration: changes server-wide settings. Parameters left out keep their value; the result is
/// validated as a whole (for example MinExpires &lt;= DefaultExpires &lt;= MaxExpires) before anything is stored.
/// Durations take a TimeSpan, a string like 00:05:00 or a number of seconds.
/// </summary>
[Cmdlet(VerbsCommon.Set, "SipServerConfiguration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(SipServerSettings))]
public sealed class SetSipServerConfigurationCommand : SipStoreCmdlet
{
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [DurationTransformation]
    public TimeSpan? NonceLifetime { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public int? FailuresBeforeDelay { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [DurationTransformation]
    public TimeSpan? FailureDelay { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public int? FailuresBeforeBlock { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [DurationTransformation]
    public TimeSpan? FailureWindow { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [DurationTransformation]
    public TimeSpan? BlockDuration { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public int? MinExpires { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public int? MaxExpires { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public int? DefaultExpires { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public int? MaxBindingsPerAor { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public int? MaxMessageSize { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public int? MaxHeaderCount { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public int? MaxConnections { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public int? MaxConnectionsPerSource { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [DurationTransformation]
    public TimeSpan? ConnectionIdleTimeout { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var manager = new SipServerSettingsManager(Store);
        var plan = Terminating(() => manager.Plan(Apply));
        if (!plan.Changed)
        {
            WriteVerbose("The server configuration already has these settings.");
        }
        else if (!ShouldProcess(Store.Location, "Set server configuration: " + string.Join("; ", plan.Describe())))
        {
            return;
        }
        else
        {
            plan = Terminating(() => manager.Set(Apply));
        }

        if (PassThru)
        {
            WriteObject(plan.After);
        }
    }

    private SipServerSettings Apply(SipServerSettings s) => s with
    {
            NonceLifetime = NonceLifetime ?? s.NonceLifetime,
            FailuresBeforeDelay = FailuresBeforeDelay ?? s.FailuresBeforeDelay,
            FailureDelay = FailureDelay ?? s.FailureDelay,
            FailuresBeforeBlock = FailuresBeforeBlock ?? s.FailuresBeforeBlock,
            FailureWindow = FailureWindow ?? s.FailureWindow,
            BlockDuration = BlockDuration ?? s.BlockDuration,
            MinExpires = MinExpires ?? s.MinExpires,
            MaxExpires = MaxExpires ?? s.MaxExpires,
            DefaultExpires = DefaultExpires ?? s.DefaultExpires,
            MaxBindingsPerAor = MaxBindingsPerAor ?? s.MaxBindingsPerAor,
            MaxMessageSize = MaxMessageSize ?? s.MaxMessageSize,
            MaxHeaderCount = MaxHeaderCount ?? s.MaxHeaderCount,
            MaxConnections = MaxConnections ?? s.MaxConnections,
            MaxConnectionsPerSource = MaxConnectionsPerSource ?? s.MaxConnectionsPerSource,
            ConnectionIdleTimeout = ConnectionIdleTimeout ?? s.ConnectionIdleTimeout,
    };
}
