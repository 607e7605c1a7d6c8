using System.Management.Automation;
using System.Security;
using SipSecurity.PowerShell.Completers;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Security.Digest;

namespace SipSecurity.PowerShell;

/// <summary>Add-SipUser: a user with A1 hashes (never the password) and roles.</summary>
[Cmdlet(VerbsCommon.Add, "SipUser", SupportsShouldProcess = true, DefaultParameterSetName = PasswordSet)]
[OutputType(typeof(SipUser))]
public sealed class AddSipUserCommand : SipStoreCmdlet
{
    private const string PasswordSet = "Password";
    private const string CredentialSet = "Credential";
    private const string A1HashSet = "A1Hash";
    private SipUserManager? _users;

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PasswordSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = A1HashSet, ValueFromPipelineByPropertyName = true)]
    [Alias("UserName")]
    public string Name { get; set; } = string.Empty;

    // Not bound from the pipeline: a CSV "password" column is plain text and must not be taken.
    [Parameter(Mandatory = true, Position = 1, ParameterSetName = PasswordSet)]
    public SecureString Password { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = CredentialSet, ValueFromPipelineByPropertyName = true)]
    [Credential]
    public PSCredential Credential { get; set; } = null!;

    /// <summary>A ready MD5 A1 (hex of MD5(user:realm:password)), as in sip-servlets-users.properties.</summary>
    [Parameter(Mandatory = true, ParameterSetName = A1HashSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Ha1", "Hash")]
    public string A1Hash { get; set; } = string.Empty;

    /// <summary>The algorithm <see cref="A1Hash"/> was made with (MD5 in properties files).</summary>
    [Parameter(ParameterSetName = A1HashSet, ValueFromPipelineByPropertyName = true)]
    public DigestAlgorithm Algorithm { get; set; } = DigestAlgorithm.MD5;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Roles")]
    [ArgumentCompleter(typeof(RoleNameCompleter))]
    public string[] Role { get; set; } = [];

    /// <summary>When given, must equal the store's realm: guards hashes made for another realm.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Realm { get; set; }

    [Parameter]
    public SwitchParameter Disabled { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var name = ParameterSetName == CredentialSet ? Credential.UserName : Name;
        if (!ShouldProcess(name, Force ? "Add or replace SIP user" : "Add SIP user"))
        {
            return;
        }

        _users ??= new SipUserManager(Store);
        Try(() =>
        {
            using var secret = ParameterSetName switch
            {
                A1HashSet => SipUserSecret.FromA1(Algorithm, A1Hash, name),
                CredentialSet => SipUserSecret.FromPassword(SecretConversion.ToCharArray(Credential.Password)),
                _ => SipUserSecret.FromPassword(SecretConversion.ToCharArray(Password)),
            };
            var user = _users.Add(name, secret, Role, enabled: !Disabled, realm: Realm, force: Force);
            if (PassThru)
            {
                WriteObject(user);
            }
        });
    }
}
