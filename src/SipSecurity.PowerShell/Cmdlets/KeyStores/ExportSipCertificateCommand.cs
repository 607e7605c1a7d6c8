using System.Management.Automation;
using System.Security;
using System.Text;
using SipSecurity.KeyStores;

namespace SipSecurity.PowerShell;

/// <summary>Export-SipCertificate: keytool -exportcert -rfc — an entry's certificate (or chain) as PEM or DER.</summary>
[Cmdlet(VerbsData.Export, "SipCertificate", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo), typeof(string))]
public sealed class ExportSipCertificateCommand : SipKeyStoreCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("KeyStore")]
    public string Path { get; set; } = string.Empty;

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    public string Alias { get; set; } = string.Empty;

    [Parameter(Mandatory = true)]
    public SecureString StorePassword { get; set; } = null!;

    /// <summary>Where to write; without it the PEM text is written to the pipeline.</summary>
    [Parameter(Position = 2)]
    [Alias("File", "Destination")]
    public string? FilePath { get; set; }

    [Parameter]
    public CertificateEncoding Encoding { get; set; } = CertificateEncoding.Pem;

    [Parameter]
    public SwitchParameter IncludeChain { get; set; }

    /// <summary>Overwrite an existing file.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var path = ResolvePath(Path);
        if (FilePath is null && Encoding == CertificateEncoding.Der)
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException("DER is binary: give -FilePath to export it."),
                "DerNeedsFilePath", ErrorCategory.InvalidArgument, null));
        }

        var bytes = Run(() => WithSecret(StorePassword, password => KeyStore.Open(path, password).ExportCertificate(Alias, Encoding, IncludeChain)));
        if (FilePath is null)
        {
            WriteObject(System.Text.Encoding.ASCII.GetString(bytes));
            return;
        }

        var target = ResolvePath(FilePath);
        RefuseToOverwrite(target, Force);

        if (ShouldProcess(target, $"Export the certificate of '{Alias}' ({Encoding})"))
        {
            Run(() =>
            {
                SecureFile.WriteAllBytes(target, bytes);
                return true;
            });
            WriteObject(new FileInfo(target));
        }
    }
}
