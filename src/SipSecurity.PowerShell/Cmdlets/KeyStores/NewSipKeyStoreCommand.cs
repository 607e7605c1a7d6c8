using System.Management.Automation;
using System.Security;
using SipSecurity.KeyStores;

namespace SipSecurity.PowerShell;

/// <summary>New-SipKeyStore: keytool -genkeypair — a key pair and self-signed certificate in a JKS or PKCS#12 store.</summary>
[Cmdlet(VerbsCommon.New, "SipKeyStore", SupportsShouldProcess = true)]
[OutputType(typeof(KeyStoreEntryInfo))]
public sealed class NewSipKeyStoreCommand : SipKeyStoreCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("KeyStore", "FilePath")]
    public string Path { get; set; } = string.Empty;

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    public string Alias { get; set; } = string.Empty;

    /// <summary>The X.500 subject in keytool -dname form.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("DName")]
    public string Subject { get; set; } = string.Empty;

    [Parameter(Mandatory = true)]
    public SecureString StorePassword { get; set; } = null!;

    /// <summary>JKS only: protects the key entry; defaults to the store password (PKCS#12 always uses it).</summary>
    [Parameter]
    public SecureString? KeyPassword { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public KeyAlgorithm KeyAlgorithm { get; set; } = KeyAlgorithm.Rsa;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateSet("1024", "2048", "3072", "4096")]
    public int KeySize { get; set; } = SelfSignedCertificateOptions.MinimumStrongRsaKeySize;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public EcCurve Curve { get; set; } = EcCurve.P256;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, 36500)]
    public int ValidityDays { get; set; } = 365;

    /// <summary>Start of validity (keytool -startdate); default: now. ValidityDays count from here.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("StartDate")]
    public DateTime? NotBefore { get; set; }

    /// <summary>DNS names and IP addresses ("DNS:sip.example.com", "IP:192.0.2.1", or bare).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("San")]
    public string[] SubjectAlternativeName { get; set; } = [];

    /// <summary>The type of a new store (an existing store keeps its own); by default .jks files are JKS, others PKCS#12.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public KeyStoreType? StoreType { get; set; }

    /// <summary>Replace an existing entry with this alias.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var path = ResolvePath(Path);
        if (KeyAlgorithm == KeyAlgorithm.Rsa && KeySize < SelfSignedCertificateOptions.MinimumStrongRsaKeySize)
        {
            WriteWarning($"An RSA key of {KeySize} bits is too weak for production; use 2048 bits or more (the default).");
        }

        if (!ShouldProcess($"{path} alias {Alias}", $"Generate a {(KeyAlgorithm == KeyAlgorithm.Rsa ? $"RSA {KeySize}" : $"EC {Curve}")} key pair and self-signed certificate"))
        {
            return;
        }

        var (dns, ips) = ParseSubjectAlternativeNames(SubjectAlternativeName);
        var options = new SelfSignedCertificateOptions
        {
            Subject = Subject,
            Algorithm = KeyAlgorithm,
            RsaKeySize = KeySize,
            Curve = Curve,
            ValidityDays = ValidityDays,
            NotBefore = NotBefore is { } start ? new DateTimeOffset(start.ToUniversalTime(), TimeSpan.Zero) : null,
            DnsNames = dns,
            IPAddresses = ips,
            AllowWeakKey = KeySize < SelfSignedCertificateOptions.MinimumStrongRsaKeySize,
        };
        var entry = Run(() => WithSecrets(StorePassword, KeyPassword ?? StorePassword, (storePassword, keyPassword) =>
        {
            var type = File.Exists(path) ? KeyStore.DetectType(path) : StoreType ?? DefaultTypeFor(path);
            var store = KeyStore.OpenOrCreate(path, type, storePassword);
            var generated = ProgressRunner.Run(this, "New-SipKeyStore", $"Generating the key pair for '{Alias}'",
                () => store.GenerateKeyPair(Alias, options, keyPassword, overwrite: Force));
            store.Save(storePassword);
            return generated;
        }));
        WriteObject(entry);
    }
}
