using System.Management.Automation;
using System.Security;
using SipSecurity.PowerShell.Completers;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Security.Digest;

namespace SipSecurity.PowerShell;

/// <summary>Set-SipUser: a new password or A1, roles added or removed, enabled or disabled.</summary>
[Cmdlet(VerbsCommon.Set, "SipUser", SupportsShouldProcess = true, DefaultParameterSetName = PasswordSet)]
[OutputType(typeof(SipUser))]
public sealed class SetSipUserCommand : SipStoreCmdlet
{
    private const string PasswordSet = "Password";
    private const string CredentialSet = "Credential";
    private const string A1HashSet = "A1Hash";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PasswordSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = A1HashSet, ValueFromPipelineByPropertyName = true)]
    [Alias("UserName")]
    [ArgumentCompleter(typeof(UserNameCompleter))]
    public string Name { get; set; } = string.Empty;

    [Parameter(ParameterSetName = PasswordSet)]
    public SecureString? Password { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
    [Credential]
    public PSCredential Credential { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = A1HashSet)]
    [Alias("Ha1")]
    public string A1Hash { get; set; } = string.Empty;

    [Parameter]
    [ArgumentCompleter(typeof(RoleNameCompleter))]
    public string[]? AddRole { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(RoleNameCompleter))]
    public string[]? RemoveRole { get; set; }

    [Parameter]
    public bool? Enabled { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var name = ParameterSetName == CredentialSet ? Credential.UserName : Name;
        if (!ShouldProcess(name, "Set SIP user"))
        {
            return;
        }

        var users = new SipUserManager(Store);
        Try(() =>
        {
            using var secret = ParameterSetName switch
            {
                A1HashSet => SipUserSecret.FromA1(DigestAlgorithm.MD5, A1Hash, name),
                CredentialSet => SipUserSecret.FromPassword(SecretConversion.ToCharArray(Credential.Password)),
                _ => Password is null ? null : SipUserSecret.FromPassword(SecretConversion.ToCharArray(Password)),
            };
            var (user, changed) = users.Update(name, new SipUserUpdate { Secret = secret, AddRoles = AddRole, RemoveRoles = RemoveRole, Enabled = Enabled });
            WriteVerbose(changed ? $"User '{user.Name}' updated." : $"User '{user.Name}' already had these settings.");
            if (PassThru)
            {
                WriteObject(user);
            }
        });
    }
}
