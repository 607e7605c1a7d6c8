using System.Management.Automation;
using System.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SipSecurity.KeyStores;
using SipSecurity.Server.Diagnostics;

namespace SipSecurity.PowerShell;

/// <summary>
/// Test-SipTlsConnection: the seed's <c>openssl s_client -host 127.0.0.1 -port 5081 [-cert client.cert -key clientprivate.key]</c>
/// as an object. The outcome is always the result object (Succeeded, Error); only unusable input ends the command.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "SipTlsConnection", DefaultParameterSetName = NoClientCertificateSet)]
[OutputType(typeof(SipTlsProbeResult))]
public sealed class TestSipTlsConnectionCommand : SipKeyStoreCmdlet, IDisposable
{
    private const string NoClientCertificateSet = "NoClientCertificate";
    private const string ClientKeyStoreSet = "ClientKeyStore";
    private const string ClientPemSet = "ClientPem";

    private readonly CancellationTokenSource _stop = new();

    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("ComputerName")]
    [ValidateNotNullOrEmpty]
    public string HostName { get; set; } = "127.0.0.1";

    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateRange(1, 65535)]
    public int Port { get; set; } = 5061;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ServerName { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ClientKeyStoreSet)]
    public string ClientKeyStore { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ParameterSetName = ClientKeyStoreSet)]
    public SecureString ClientKeyStorePassword { get; set; } = null!;

    [Parameter(ParameterSetName = ClientKeyStoreSet)]
    [ValidateNotNullOrEmpty]
    public string? ClientAlias { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ClientPemSet)]
    [Alias("Cert")]
    public string ClientCertificatePath { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ParameterSetName = ClientPemSet)]
    [Alias("Key")]
    public string ClientKeyPath { get; set; } = string.Empty;

    /// <summary>The password of an encrypted PEM key, or of a JKS key entry when it differs from the store password.</summary>
    [Parameter(ParameterSetName = ClientPemSet)]
    [Parameter(ParameterSetName = ClientKeyStoreSet)]
    public SecureString? ClientKeyPassword { get; set; }

    [Parameter]
    public string? TrustStore { get; set; }

    [Parameter]
    public SecureString? TrustStorePassword { get; set; }

    [Parameter]
    public string? CAFile { get; set; }

    [Parameter]
    public SipTlsVersion[] Protocol { get; set; } = [SipTlsVersion.Tls12, SipTlsVersion.Tls13];

    [Parameter]
    [ValidateRange(1, 300)]
    public int TimeoutSeconds { get; set; } = 10;

    [Parameter]
    public SwitchParameter SendOptions { get; set; }

    protected override void ProcessRecord()
    {
        var anchors = LoadTrust();
        X509Certificate2Collection? intermediates = null;
        var client = ParameterSetName switch
        {
            ClientKeyStoreSet => LoadFromKeyStore(out intermediates),
            ClientPemSet => LoadFromPem(out intermediates),
            _ => null,
        };

        try
        {
            var options = new SipTlsProbeOptions
            {
                Host = HostName,
                Port = Port,
                ServerName = ServerName,
                ClientCertificate = client,
                ClientIntermediates = intermediates,
                TrustAnchors = anchors,
                Protocols = SipTlsVersions.ToSslProtocols(Protocol),
                Timeout = TimeSpan.FromSeconds(TimeoutSeconds),
                SendOptions = SendOptions,
            };
            WriteVerbose($"Connecting to {HostName}:{Port} (server name '{ServerName ?? HostName}', {options.Protocols}).");
            var result = SipTlsProbe.ProbeAsync(options, _stop.Token).GetAwaiter().GetResult();
            if (result.Error is not null)
            {
                WriteVerbose(result.Error);
            }

            WriteObject(result);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Ctrl+C: StopProcessing ends the pipeline.
        }
        finally
        {
            Dispose(client, intermediates, anchors);
        }
    }

    protected override void StopProcessing() => _stop.Cancel();

    /// <summary>PowerShell disposes the cmdlet when the pipeline ends.</summary>
    public void Dispose() => _stop.Dispose();

    private X509Certificate2Collection? LoadTrust()
    {
        if (TrustStore is not null && CAFile is not null)
        {
            ThrowTerminatingError(ErrorRecords.Create("TrustSourceConflict", ErrorCategory.InvalidArgument,
                "Give either -TrustStore or -CAFile, not both.", CAFile));
        }

        if (TrustStore is not null)
        {
            if (TrustStorePassword is null)
            {
                ThrowTerminatingError(ErrorRecords.Create("TrustStorePasswordMissing", ErrorCategory.InvalidArgument,
                    "-TrustStore needs -TrustStorePassword.", TrustStore));
            }

            var path = ResolvePath(TrustStore);
            return Run(() => WithSecret(TrustStorePassword, password => KeyStore.Open(path, password).GetTrustedCertificates()));
        }

        if (CAFile is not null)
        {
            var path = ResolvePath(CAFile);
            var anchors = new X509Certificate2Collection();
            try
            {
                anchors.ImportFromPemFile(path);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or CryptographicException)
            {
                ThrowTerminatingError(new ErrorRecord(exception, "CAFileUnreadable", ErrorCategory.ReadError, path));
            }

            if (anchors.Count == 0)
            {
                ThrowTerminatingError(ErrorRecords.Create("CAFileUnreadable", ErrorCategory.InvalidData,
                    $"The file '{path}' holds no PEM certificate.", path));
            }

            return anchors;
        }

        return null;
    }

    private X509Certificate2 LoadFromKeyStore(out X509Certificate2Collection intermediates)
    {
        var path = ResolvePath(ClientKeyStore);
        X509Certificate2Collection chain = [];
        var certificate = Run(() => WithSecrets(ClientKeyStorePassword, ClientKeyPassword ?? ClientKeyStorePassword, (storePassword, keyPassword) =>
        {
            var store = KeyStore.Open(path, storePassword);
            var alias = ClientAlias ?? SingleKeyAlias(store, path);
            return store.GetCertificateWithPrivateKey(alias, keyPassword, out chain);
        }));
        intermediates = chain;
        return certificate;
    }

    private string SingleKeyAlias(KeyStore store, string path)
    {
        var keys = store.GetEntries().Where(e => e.EntryType == KeyEntryType.PrivateKey).Select(e => e.Alias).ToArray();
        if (keys.Length != 1)
        {
            ThrowTerminatingError(ErrorRecords.Create("ClientAliasRequired", ErrorCategory.InvalidArgument,
                $"The keystore '{path}' holds {keys.Length} key entries ({string.Join(", ", keys)}): name one with -ClientAlias.", path));
        }

        return keys[0];
    }

    private X509Certificate2 LoadFromPem(out X509Certificate2Collection intermediates)
    {
        var certificatePath = ResolvePath(ClientCertificatePath);
        var keyPath = ResolvePath(ClientKeyPath);
        try
        {
            var certificate = ClientKeyPassword is null
                ? X509Certificate2.CreateFromPemFile(certificatePath, keyPath)
                : WithSecret(ClientKeyPassword, password => X509Certificate2.CreateFromEncryptedPemFile(certificatePath, password, keyPath));

            // Further certificates in the file are the chain to send (openssl's -cert_chain in the same file).
            var all = new X509Certificate2Collection();
            all.ImportFromPemFile(certificatePath);
            intermediates = [];
            foreach (var other in all)
            {
                if (other.RawDataMemory.Span.SequenceEqual(certificate.RawDataMemory.Span))
                {
                    other.Dispose();
                }
                else
                {
                    intermediates.Add(other);
                }
            }

            return ForTls(certificate);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            // The message names the file and the problem (no key, wrong password, not PEM); it never holds the password.
            ThrowTerminatingError(new ErrorRecord(new IOException($"Cannot load the client certificate from '{certificatePath}' and '{keyPath}': {exception.Message}", exception),
                "ClientCertificateUnreadable", ErrorCategory.ReadError, certificatePath));
            throw;
        }
    }

    private static X509Certificate2 ForTls(X509Certificate2 certificate)
    {
        if (!OperatingSystem.IsWindows())
        {
            return certificate;
        }

        // Windows' TLS (SChannel) cannot use an ephemeral key: round-trip through PKCS#12 for this process.
        using (certificate)
        {
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        }
    }

    private static void Dispose(X509Certificate2? client, X509Certificate2Collection? intermediates, X509Certificate2Collection? anchors)
    {
        client?.Dispose();
        foreach (var certificate in (intermediates ?? []).Concat(anchors ?? []))
        {
            certificate.Dispose();
        }
    }
}
