using System.Management.Automation;
using System.Security;
using SipSecurity.PowerShell.Completers;
using SipSecurity.Server.Configuration;

namespace SipSecurity.PowerShell;

/// <summary>
/// Set-SipTlsConfiguration: the keystore, truststore and TLS options the server uses (the seed's javax.net.ssl.*
/// and gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE). The keystore is opened and checked before anything is stored;
/// the passwords go to the store's secrets table and never to output, -WhatIf or -Verbose.
/// </summary>
[Cmdlet(VerbsCommon.Set, "SipTlsConfiguration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(SipTlsConfigurationInfo))]
public sealed class SetSipTlsConfigurationCommand : SipStoreCmdlet
{
    /// <summary>The JKS or PKCS#12 keystore with the server's key entry.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("KeyStorePath")]
    [ValidateNotNullOrEmpty]
    public string? KeyStore { get; set; }

    // Never bound from the pipeline: a property holding a password would be plain text.
    [Parameter]
    public SecureString? KeyStorePassword { get; set; }

    /// <summary>The key entry to serve; empty: the keystore's only key entry.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    public string? Alias { get; set; }

    /// <summary>A truststore other than the keystore; empty: the keystore.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("TrustStorePath")]
    [AllowEmptyString]
    public string? TrustStore { get; set; }

    [Parameter]
    public SecureString? TrustStorePassword { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public SipClientAuthentication? ClientAuthentication { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Protocols")]
    public SipTlsProtocol[]? Protocol { get; set; }

    /// <summary>IANA cipher suite names; an empty list restores the platform's defaults.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("CipherSuites")]
    [AllowEmptyCollection]
    [ArgumentCompleter(typeof(TlsCipherSuiteCompleter))]
    public string[]? CipherSuite { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [DurationTransformation]
    public TimeSpan? HandshakeTimeout { get; set; }

    /// <summary>Store the configuration although the certificate is expired or not yet valid.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var keyStorePassword = KeyStorePassword is null ? null : SecretConversion.ToCharArray(KeyStorePassword);
        var trustStorePassword = TrustStorePassword is null ? null : SecretConversion.ToCharArray(TrustStorePassword);
        try
        {
            var request = new SipTlsConfigurationRequest
            {
                KeyStorePath = KeyStore is null ? null : GetUnresolvedProviderPathFromPSPath(KeyStore),
                Alias = Alias,
                TrustStorePath = string.IsNullOrEmpty(TrustStore) ? TrustStore : GetUnresolvedProviderPathFromPSPath(TrustStore),
                ClientAuthentication = ClientAuthentication,
                Protocols = Protocol,
                CipherSuites = CipherSuite,
                HandshakeTimeout = HandshakeTimeout,
                KeyStorePassword = keyStorePassword,
                TrustStorePassword = trustStorePassword,
                Force = Force,
            };
            var manager = new SipTlsConfigurationManager(Store);
            var plan = Terminating(() => manager.Plan(request));
            foreach (var warning in plan.Warnings)
            {
                WriteWarning(warning);
            }

            var changes = plan.Describe().ToArray();
            WriteVerbose($"Certificate: {plan.Certificate.Subject}, alias '{plan.Certificate.Alias}', valid until {plan.Certificate.NotAfter:u} ({plan.Certificate.DaysLeft} days).");
            var action = changes.Length == 0
                ? "Reload the TLS configuration (no setting changes)"
                : "Set TLS configuration: " + string.Join("; ", changes);
            if (!ShouldProcess(Store.Location, action))
            {
                return;
            }

            Terminating(() => manager.Set(request));
            if (changes.Length == 0)
            {
                WriteVerbose("The TLS configuration already has these settings; the store's revision was raised so a running server loads the keystore again.");
            }

            if (PassThru)
            {
                WriteObject(Terminating(manager.GetInfo));
            }
        }
        finally
        {
            if (keyStorePassword is not null)
            {
                Array.Clear(keyStorePassword);
            }

            if (trustStorePassword is not null)
            {
                Array.Clear(trustStorePassword);
            }
        }
    }
}
