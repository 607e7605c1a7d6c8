using System.Management.Automation;
using System.Security;
using SipSecurity.Server.Security.Digest;

namespace SipSecurity.PowerShell;

/// <summary>A computed A1 hash.</summary>
public sealed record SipDigestHash(string UserName, string Realm, DigestAlgorithm Algorithm, string Hash);

/// <summary>
/// ConvertTo-SipDigestHash: A1 = hex(H(username:realm:password)), what the seed's
/// org.jboss.security.auth.callback.RFC2617Digest prints. Needs no config store.
/// </summary>
[Cmdlet(VerbsData.ConvertTo, "SipDigestHash", DefaultParameterSetName = PasswordSet)]
[OutputType(typeof(SipDigestHash))]
public sealed class ConvertToSipDigestHashCommand : PSCmdlet
{
    private const string PasswordSet = "Password";
    private const string CredentialSet = "Credential";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PasswordSet, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    public string UserName { get; set; } = string.Empty;

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    public string Realm { get; set; } = string.Empty;

    [Parameter(Mandatory = true, Position = 2, ParameterSetName = PasswordSet)]
    public SecureString Password { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = CredentialSet, ValueFromPipelineByPropertyName = true)]
    [Credential]
    public PSCredential Credential { get; set; } = null!;

    [Parameter]
    public DigestAlgorithm[] Algorithm { get; set; } = [DigestAlgorithm.MD5];

    protected override void ProcessRecord()
    {
        var user = ParameterSetName == CredentialSet ? Credential.UserName : UserName;
        var password = SecretConversion.ToCharArray(ParameterSetName == CredentialSet ? Credential.Password : Password);
        try
        {
            foreach (var algorithm in Algorithm)
            {
                WriteObject(new SipDigestHash(user, Realm, algorithm, DigestHash.ComputeA1(algorithm, user, Realm, password)));
            }
        }
        finally
        {
            Array.Clear(password);
        }
    }
}
