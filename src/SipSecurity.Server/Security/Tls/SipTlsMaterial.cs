using System.Security.Cryptography.X509Certificates;
using SipSecurity.KeyStores;
using SipSecurity.Server.Configuration;

namespace SipSecurity.Server.Security.Tls;

/// <summary>
/// What the TLS transport serves, loaded from a <see cref="SipTlsConfiguration"/> and its passwords: the server
/// certificate with its private key, the rest of its chain, and the certificates client certificates are verified
/// against. Every failure is a <see cref="SipSecurityException"/> whose id names the problem (TlsNotConfigured,
/// TlsKeyStoreMissing, KeyStoreWrongPassword, TlsKeyStoreUnreadable, TlsAliasNotFound, TlsAliasHasNoPrivateKey,
/// TlsNoKeyEntry, TlsAliasRequired, TlsKeyPasswordDiffers, CertificateExpired, CertificateNotYetValid,
/// TrustStoreMissing, TrustStoreWrongPassword, TrustStoreUnreadable); messages never contain a password.
/// </summary>
public sealed class SipTlsMaterial : IDisposable
{
    private SipTlsMaterial(X509Certificate2 certificate, X509Certificate2Collection intermediates, X509Certificate2Collection trusted, SipTlsCertificateSummary summary)
    {
        Certificate = certificate;
        Intermediates = intermediates;
        TrustedCertificates = trusted;
        Summary = summary;
    }

    /// <summary>The server certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The rest of the key entry's chain (sent in the TLS Certificate message); empty for a self-signed certificate.</summary>
    public X509Certificate2Collection Intermediates { get; }

    /// <summary>Trusted entries and the first certificate of key entries of the truststore (the keystore when none is configured).</summary>
    public X509Certificate2Collection TrustedCertificates { get; }

    /// <summary>The served certificate's subject, validity and fingerprint; DaysLeft as of the load.</summary>
    public SipTlsCertificateSummary Summary { get; }

    /// <summary>The served certificate's end of validity.</summary>
    public DateTimeOffset NotAfter => Summary.NotAfter;

    /// <summary>
    /// Loads the material; refuses a certificate outside its validity at <paramref name="now"/>. A JKS key entry's
    /// password must be the keystore password (keytool's default). <paramref name="trustStorePassword"/> is ignored
    /// when the configuration has no truststore of its own.
    /// </summary>
    /// <exception cref="SipSecurityException">With one of the ids listed on the class.</exception>
    public static SipTlsMaterial Load(SipTlsConfiguration config, ReadOnlySpan<char> keyStorePassword, ReadOnlySpan<char> trustStorePassword, DateTimeOffset now) =>
        Load(config, keyStorePassword, trustStorePassword, now, checkValidity: true);

    /// <summary>As the public Load; with <paramref name="checkValidity"/> false an expired certificate loads too (Set -Force).</summary>
    internal static SipTlsMaterial Load(SipTlsConfiguration config, ReadOnlySpan<char> keyStorePassword, ReadOnlySpan<char> trustStorePassword, DateTimeOffset now, bool checkValidity)
    {
        ArgumentNullException.ThrowIfNull(config);
        var keyStore = TlsKeyStoreLoader.OpenKeyStore(config, keyStorePassword);
        var entry = TlsKeyStoreLoader.FindKeyEntry(config, keyStore);
        var summary = SipTlsCertificateSummary.From(entry, now);
        if (checkValidity)
        {
            CheckValidity(summary, keyStore.Path, now);
        }

        X509Certificate2 certificate;
        X509Certificate2Collection intermediates;
        try
        {
            certificate = keyStore.GetCertificateWithPrivateKey(entry.Alias, keyStorePassword, out intermediates);
        }
        catch (KeyStoreException exception) when (exception.ErrorId == KeyStoreErrorIds.WrongPassword)
        {
            throw new SipSecurityException("TlsKeyPasswordDiffers", SipErrorKind.SecurityError,
                $"The key entry '{entry.Alias}' in '{keyStore.Path}' has a key password other than the keystore password. Give the key the store password (as keytool does by default), for example by converting the store with Import-SipKeyStore.", entry.Alias, exception);
        }
        catch (KeyStoreException exception)
        {
            throw new SipSecurityException("TlsKeyStoreUnreadable", SipErrorKind.InvalidData,
                $"The key entry '{entry.Alias}' in '{keyStore.Path}' cannot be loaded: {exception.Message}", entry.Alias, exception);
        }

        try
        {
            var trustStore = TlsKeyStoreLoader.OpenTrustStore(config, keyStore, trustStorePassword);
            return new SipTlsMaterial(certificate, intermediates, trustStore.GetTrustedCertificates(), summary);
        }
        catch
        {
            certificate.Dispose();
            Dispose(intermediates);
            throw;
        }
    }

    /// <summary>Throws CertificateExpired or CertificateNotYetValid when <paramref name="now"/> is outside the entry's validity.</summary>
    internal static void CheckValidity(SipTlsCertificateSummary entry, string keyStorePath, DateTimeOffset now)
    {
        if (now > entry.NotAfter)
        {
            throw new SipSecurityException("CertificateExpired", SipErrorKind.InvalidData,
                $"The certificate '{entry.Subject}' of entry '{entry.Alias}' in '{keyStorePath}' expired on {entry.NotAfter:u}. Renew it, or use -Force to store the configuration anyway (the server will not serve it).", entry.Alias);
        }

        if (entry.NotBefore > now)
        {
            throw new SipSecurityException("CertificateNotYetValid", SipErrorKind.InvalidData,
                $"The certificate '{entry.Subject}' of entry '{entry.Alias}' in '{keyStorePath}' is not valid before {entry.NotBefore:u}. Check the clock, or use -Force to store the configuration anyway.", entry.Alias);
        }
    }

    public void Dispose()
    {
        Certificate.Dispose();
        Dispose(Intermediates);
        Dispose(TrustedCertificates);
    }

    private static void Dispose(X509Certificate2Collection certificates)
    {
        foreach (var certificate in certificates)
        {
            certificate.Dispose();
        }
    }
}
