using System.Runtime.InteropServices;
using System.Security.Cryptography;
using SipSecurity.Server.Security.Tls;
using SipSecurity.Server.Store;

namespace SipSecurity.Server.Configuration;

/// <summary>
/// Reads and changes the server's TLS configuration. A change is checked against the files before it is stored:
/// the keystore opens with the password, the alias names a key entry (or the keystore has exactly one), the key
/// loads, the truststore opens and the certificate is valid now (expired or not yet valid only with Force).
/// </summary>
public sealed class SipTlsConfigurationManager
{
    private readonly IConfigStore _store;
    private readonly TimeProvider _time;

    public SipTlsConfigurationManager(IConfigStore store, TimeProvider? time = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The stored settings (Has*Password filled in).</summary>
    public SipTlsConfiguration Get() => _store.Read(reader => reader.GetTlsConfiguration());

    /// <summary>The settings with the served certificate, when the keystore opens with the stored password, or the reason it does not.</summary>
    public SipTlsConfigurationInfo GetInfo() => _store.Read(reader => Inspect(reader, _time.GetUtcNow()));

    /// <summary>What <see cref="Set"/> would store, fully validated but not written (for -WhatIf).</summary>
    public SipTlsConfigurationChange Plan(SipTlsConfigurationRequest request) => _store.Read(reader => Plan(reader, request, _time.GetUtcNow()));

    /// <summary>
    /// Validates and stores the change in one transaction. Always raises the revision, even when nothing differs, so
    /// a running server loads the keystore file again (after it was replaced in place, for example).
    /// </summary>
    public SipTlsConfigurationChange Set(SipTlsConfigurationRequest request)
    {
        return _store.Write(writer =>
        {
            var plan = Plan(writer, request, _time.GetUtcNow());
            writer.PutTlsConfiguration(plan.After);
            if (request.KeyStorePassword is { } keyStorePassword)
            {
                writer.PutTlsSecret(SipTlsSecret.KeyStorePassword, keyStorePassword);
            }

            if (request.TrustStorePassword is { } trustStorePassword)
            {
                writer.PutTlsSecret(SipTlsSecret.TrustStorePassword, trustStorePassword);
            }

            if (plan.TrustStorePasswordRemoved)
            {
                writer.DeleteTlsSecret(SipTlsSecret.TrustStorePassword);
            }

            return plan;
        });
    }

    private static SipTlsConfigurationChange Plan(IConfigReader reader, SipTlsConfigurationRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var before = reader.GetTlsConfiguration();
        var after = before with
        {
            KeyStorePath = request.KeyStorePath ?? before.KeyStorePath,
            Alias = request.Alias is null ? before.Alias : EmptyAsNull(request.Alias),
            TrustStorePath = request.TrustStorePath is null ? before.TrustStorePath : EmptyAsNull(request.TrustStorePath),
            ClientAuthentication = request.ClientAuthentication ?? before.ClientAuthentication,
            Protocols = request.Protocols is null ? before.Protocols : SipTlsProtocols.ToSslProtocols(request.Protocols),
            CipherSuites = request.CipherSuites is null ? before.CipherSuites : SipTlsRules.CanonicalCipherSuites(request.CipherSuites),
            HandshakeTimeout = request.HandshakeTimeout ?? before.HandshakeTimeout,
        };
        if (after.KeyStorePath is null)
        {
            throw new SipSecurityException("TlsNotConfigured", SipErrorKind.InvalidOperation,
                "No TLS keystore is configured: give -KeyStore and -KeyStorePassword.");
        }

        SipTlsRules.Validate(after);
        RequireNotEmpty(request.KeyStorePassword, SipTlsSecret.KeyStorePassword);
        RequireNotEmpty(request.TrustStorePassword, SipTlsSecret.TrustStorePassword);
        var ownTrustStore = after.TrustStorePath is not null && !SamePath(after.TrustStorePath, after.KeyStorePath);
        if (request.TrustStorePassword is not null && !ownTrustStore)
        {
            throw new SipSecurityException("InvalidTlsSetting", SipErrorKind.InvalidArgument,
                "A truststore password applies only to a truststore other than the keystore: give -TrustStore too.", "TrustStorePassword");
        }

        var storedKeyStorePassword = reader.ReadTlsSecret(SipTlsSecret.KeyStorePassword);
        var storedTrustStorePassword = reader.ReadTlsSecret(SipTlsSecret.TrustStorePassword);
        try
        {
            var keyStorePassword = request.KeyStorePassword ?? storedKeyStorePassword ?? throw new SipSecurityException(
                "TlsKeyStorePasswordRequired", SipErrorKind.InvalidArgument, "No keystore password is stored: give -KeyStorePassword.", "KeyStorePassword");
            var trustStorePassword = !ownTrustStore ? [] : request.TrustStorePassword ?? storedTrustStorePassword ?? throw new SipSecurityException(
                "TlsTrustStorePasswordRequired", SipErrorKind.InvalidArgument, "No truststore password is stored: give -TrustStorePassword.", "TrustStorePassword");

            using var material = SipTlsMaterial.Load(after, keyStorePassword, trustStorePassword, now, checkValidity: false);
            var warnings = new List<string>(SipTlsRules.Warnings(after));
            CheckValidity(material, after.KeyStorePath, now, request.Force, warnings);
            if (after.ClientAuthentication is SipClientAuthentication.Want or SipClientAuthentication.Enabled && material.TrustedCertificates.Count == 0)
            {
                warnings.Add($"ClientAuthentication {after.ClientAuthentication}: the truststore '{after.EffectiveTrustStorePath}' holds no certificate, so no client certificate can verify.");
            }

            var trustStorePasswordRemoved = !ownTrustStore && storedTrustStorePassword is not null;
            return new SipTlsConfigurationChange(
                before,
                after with { HasKeyStorePassword = true, HasTrustStorePassword = ownTrustStore },
                material.Summary,
                warnings)
            {
                KeyStorePasswordChanged = Differs(request.KeyStorePassword, storedKeyStorePassword),
                TrustStorePasswordChanged = Differs(request.TrustStorePassword, storedTrustStorePassword),
                TrustStorePasswordRemoved = trustStorePasswordRemoved,
            };
        }
        finally
        {
            Clear(storedKeyStorePassword);
            Clear(storedTrustStorePassword);
        }
    }

    private static void CheckValidity(SipTlsMaterial material, string keyStorePath, DateTimeOffset now, bool force, List<string> warnings)
    {
        var certificate = material.Summary;
        try
        {
            SipTlsMaterial.CheckValidity(certificate, keyStorePath, now);
        }
        catch (SipSecurityException exception) when (force)
        {
            warnings.Add($"{exception.Message.Split(". ")[0]}. Stored because of -Force: the server will not serve this certificate until it is valid.");
            return;
        }

        if (certificate.NotAfter < now + SipTlsRules.ExpiryWarningWindow)
        {
            warnings.Add($"The certificate '{certificate.Subject}' expires on {certificate.NotAfter:u}, in {certificate.DaysLeft} days: renew it soon.");
        }
    }

    private static SipTlsConfigurationInfo Inspect(IConfigReader reader, DateTimeOffset now)
    {
        var configuration = reader.GetTlsConfiguration();
        if (configuration.KeyStorePath is null)
        {
            return SipTlsConfigurationInfo.From(configuration, null, null);
        }

        var password = reader.ReadTlsSecret(SipTlsSecret.KeyStorePassword);
        try
        {
            if (password is null)
            {
                return SipTlsConfigurationInfo.From(configuration, null, "TlsKeyStorePasswordRequired: no keystore password is stored.");
            }

            SipTlsCertificateSummary? certificate = null;
            try
            {
                var keyStore = TlsKeyStoreLoader.OpenKeyStore(configuration, password);
                certificate = SipTlsCertificateSummary.From(TlsKeyStoreLoader.FindKeyEntry(configuration, keyStore), now);
                SipTlsMaterial.CheckValidity(certificate, keyStore.Path, now);
                return SipTlsConfigurationInfo.From(configuration, certificate, null);
            }
            catch (SipSecurityException exception)
            {
                return SipTlsConfigurationInfo.From(configuration, certificate, $"{exception.ErrorId}: {exception.Message}");
            }
        }
        finally
        {
            Clear(password);
        }
    }

    private static void RequireNotEmpty(char[]? password, SipTlsSecret which)
    {
        if (password is { Length: 0 })
        {
            throw new SipSecurityException("InvalidTlsSetting", SipErrorKind.InvalidArgument, $"The {which} must not be empty.", which.ToString());
        }
    }

    private static bool Differs(char[]? given, char[]? stored) =>
        given is not null && (stored is null
            || !CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(given.AsSpan()), MemoryMarshal.AsBytes(stored.AsSpan())));

    private static bool SamePath(string a, string? b) =>
        b is not null && string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    private static string? EmptyAsNull(string text) => text.Length == 0 ? null : text;

    private static void Clear(char[]? secret)
    {
        if (secret is not null)
        {
            Array.Clear(secret);
        }
    }
}
