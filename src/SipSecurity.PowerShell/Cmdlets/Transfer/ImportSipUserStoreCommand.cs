using System.Management.Automation;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Import;

namespace SipSecurity.PowerShell;

/// <summary>
/// Import-SipUserStore: users and roles from JBoss users.properties/roles.properties (MD5 A1 hashes)
/// or Tomcat tomcat-users.xml (plaintext passwords, hashed on import). All or nothing.
/// </summary>
[Cmdlet(VerbsData.Import, "SipUserStore", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = JBossSet)]
[OutputType(typeof(SipImportResult), typeof(SipUser))]
public sealed class ImportSipUserStoreCommand : SipImportCmdlet
{
    private const string JBossSet = "JBoss";
    private const string TomcatSet = "Tomcat";

    /// <summary>The JBoss users.properties: user=hex(MD5(user:realm:password)).</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = JBossSet)]
    [Alias("UsersProperties")]
    [ValidateNotNullOrEmpty]
    public string UsersPath { get; set; } = string.Empty;

    /// <summary>The JBoss roles.properties: user=role1,role2.</summary>
    [Parameter(Position = 1, ParameterSetName = JBossSet)]
    [Alias("RolesProperties")]
    [ValidateNotNullOrEmpty]
    public string? RolesPath { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = TomcatSet)]
    [ValidateNotNullOrEmpty]
    public string TomcatUsersPath { get; set; } = string.Empty;

    /// <summary>The realm the A1 hashes were made for; must equal the store's realm. Default: the store's realm.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Realm { get; set; }

    /// <summary>Replace users that already exist.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Write the imported users instead of the summary.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        var tomcat = ParameterSetName == TomcatSet;
        using var source = Terminating(() => tomcat
            ? TomcatUsersReader.Read(FilePath(TomcatUsersPath))
            : JBossUserStoreReader.Read(FilePath(UsersPath), RolesPath is null ? null : FilePath(RolesPath)));
        using var desired = new DesiredConfiguration { Source = source.Description, Users = source.Users, Warnings = source.Warnings };
        var options = new SipImportOptions { UsersMustBeNew = true, ReplaceExistingUsers = Force, ExpectedRealm = Realm };
        var result = RunImport(desired, options, "Import SIP users");
        if (source.HadPlaintextPasswords)
        {
            WriteWarning($"{TomcatUsersPath} holds plaintext passwords. Now that the users are in the config store, delete the file (or remove its password attributes).");
        }

        if (result is not null)
        {
            if (PassThru)
            {
                WriteObject(result.Users, enumerateCollection: true);
            }
            else
            {
                WriteObject(result);
            }
        }

        base.EndProcessing();
    }
}
