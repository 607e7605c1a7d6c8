using System.Management.Automation;
using System.Security;
using SipSecurity.KeyStores;

namespace SipSecurity.PowerShell;

/// <summary>New-SipCertificateRequest: keytool -certreq — a PKCS#10 CSR (PEM) for a key entry, with SANs, for a real CA.</summary>
[Cmdlet(VerbsCommon.New, "SipCertificateRequest", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo), typeof(string))]
public sealed class NewSipCertificateRequestCommand : SipKeyStoreCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("KeyStore")]
    public string Path { get; set; } = string.Empty;

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    public string Alias { get; set; } = string.Empty;

    [Parameter(Mandatory = true)]
    public SecureString StorePassword { get; set; } = null!;

    [Parameter]
    public SecureString? KeyPassword { get; set; }

    /// <summary>Where to write the CSR; without it the PEM text goes to the pipeline.</summary>
    [Parameter(Position = 2)]
    [Alias("File")]
    public string? FilePath { get; set; }

    /// <summary>The subject to request (default: the entry certificate's subject).</summary>
    [Parameter]
    [Alias("DName")]
    public string? Subject { get; set; }

    /// <summary>DNS names and IP addresses to request ("DNS:sip.example.com", "IP:192.0.2.1", or bare).</summary>
    [Parameter]
    [Alias("San")]
    public string[] SubjectAlternativeName { get; set; } = [];

    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var path = ResolvePath(Path);
        var (dns, ips) = ParseSubjectAlternativeNames(SubjectAlternativeName);
        // No names given: the library copies the entry certificate's SANs into the request.
        var options = SubjectAlternativeName.Length == 0
            ? new CertificateRequestOptions { Subject = Subject }
            : new CertificateRequestOptions { Subject = Subject, DnsNames = dns, IPAddresses = ips };
        var target = FilePath is null ? null : ResolvePath(FilePath);
        if (target is not null)
        {
            RefuseToOverwrite(target, Force);
        }

        if (target is not null && !ShouldProcess(target, $"Write a certificate signing request for '{Alias}'"))
        {
            return;
        }

        var csr = Run(() => WithSecrets(StorePassword, KeyPassword ?? StorePassword, (storePassword, keyPassword) =>
            KeyStore.Open(path, storePassword).CreateCertificateRequest(Alias, keyPassword, options)));
        if (target is null)
        {
            WriteObject(System.Text.Encoding.ASCII.GetString(csr));
            return;
        }

        Run(() =>
        {
            SecureFile.WriteAllBytes(target, csr);
            return true;
        });
        WriteObject(new FileInfo(target));
    }
}
