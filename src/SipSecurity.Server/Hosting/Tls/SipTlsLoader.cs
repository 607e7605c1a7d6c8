using System.Security.Cryptography;
using SipSecurity.Server.Configuration;
using SipSecurity.Server.Security.Tls;

namespace SipSecurity.Server.Hosting.Tls;

/// <summary>
/// Builds the TLS context from the store: the configuration, the passwords (zeroed as soon as the keystores are
/// read) and the keystore files, and notices when any of them changes so that the server can rotate.
/// </summary>
internal sealed class SipTlsLoader(LockedConfigStore store, TimeProvider time)
{
    private (DateTime Key, DateTime Trust) _stamps;
    private SipTlsConfiguration? _attempted;

    /// <summary>Loads the current material; throws SipSecurityException naming the problem (missing file, wrong password, ...).</summary>
    public SipTlsServerContext Load()
    {
        var (configuration, keyPassword, trustPassword) = store.Read(reader =>
            (reader.GetTlsConfiguration(), reader.ReadTlsSecret(SipTlsSecret.KeyStorePassword), reader.ReadTlsSecret(SipTlsSecret.TrustStorePassword)));
        try
        {
            // Recorded before loading: files that fail to load are not retried until they change again.
            _attempted = configuration;
            _stamps = Stamps(configuration);
            var material = SipTlsMaterial.Load(configuration, keyPassword ?? [], trustPassword ?? keyPassword ?? [], time.GetUtcNow());
            return new SipTlsServerContext(configuration, material.Certificate, material.Intermediates, material.TrustedCertificates, time);
        }
        finally
        {
            Zero(keyPassword);
            Zero(trustPassword);
        }
    }

    /// <summary>
    /// True when the keystore or truststore file of the last configuration loaded (or tried) changed since then:
    /// rotation by New-SipKeyStore or a deploy tool. Between store changes this needs no store read, only a stat.
    /// </summary>
    public bool FilesChanged() => _attempted is not null && Stamps(_attempted) != _stamps;

    private static (DateTime Key, DateTime Trust) Stamps(SipTlsConfiguration configuration) =>
        (Stamp(configuration.KeyStorePath), Stamp(configuration.EffectiveTrustStorePath));

    private static DateTime Stamp(string? path) => path is not null && File.Exists(path) ? File.GetLastWriteTimeUtc(path) : DateTime.MinValue;

    private static void Zero(char[]? secret)
    {
        if (secret is not null)
        {
            CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(secret.AsSpan()));
        }
    }
}
