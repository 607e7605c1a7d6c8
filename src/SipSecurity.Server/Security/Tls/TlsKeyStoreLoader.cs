using SipSecurity.KeyStores;
using SipSecurity.Server.Configuration;

namespace SipSecurity.Server.Security.Tls;

/// <summary>
/// Opens the configured keystore and truststore and finds the key entry to serve, turning every KeyStoreException
/// into a SipSecurityException whose id names the problem in TLS terms.
/// </summary>
internal static class TlsKeyStoreLoader
{
    public static KeyStore OpenKeyStore(SipTlsConfiguration configuration, ReadOnlySpan<char> password)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var path = configuration.KeyStorePath ?? throw new SipSecurityException("TlsNotConfigured", SipErrorKind.InvalidOperation,
            "No TLS keystore is configured. Set one with Set-SipTlsConfiguration -KeyStore <path> -KeyStorePassword <password>.");
        try
        {
            return KeyStore.Open(path, password);
        }
        catch (KeyStoreException exception)
        {
            throw exception.ErrorId switch
            {
                KeyStoreErrorIds.StoreNotFound => new SipSecurityException("TlsKeyStoreMissing", SipErrorKind.ObjectNotFound,
                    $"The TLS keystore '{path}' does not exist.", path, exception),
                KeyStoreErrorIds.WrongPassword => new SipSecurityException("KeyStoreWrongPassword", SipErrorKind.SecurityError,
                    $"The TLS keystore '{path}' does not open with the keystore password: the password is wrong, or the file was modified.", path, exception),
                _ => new SipSecurityException("TlsKeyStoreUnreadable", SipErrorKind.InvalidData,
                    $"The TLS keystore '{path}' cannot be read: {exception.Message}", path, exception),
            };
        }
    }

    /// <summary>The truststore: the keystore itself when none is configured (as JAIN-SIP does), else the other file.</summary>
    public static KeyStore OpenTrustStore(SipTlsConfiguration configuration, KeyStore keyStore, ReadOnlySpan<char> password)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(keyStore);
        var path = configuration.TrustStorePath;
        if (path is null || string.Equals(Path.GetFullPath(path), Path.GetFullPath(keyStore.Path), StringComparison.Ordinal))
        {
            return keyStore;
        }

        try
        {
            return KeyStore.Open(path, password);
        }
        catch (KeyStoreException exception)
        {
            throw exception.ErrorId switch
            {
                KeyStoreErrorIds.StoreNotFound => new SipSecurityException("TrustStoreMissing", SipErrorKind.ObjectNotFound,
                    $"The TLS truststore '{path}' does not exist.", path, exception),
                KeyStoreErrorIds.WrongPassword => new SipSecurityException("TrustStoreWrongPassword", SipErrorKind.SecurityError,
                    $"The TLS truststore '{path}' does not open with the truststore password: the password is wrong, or the file was modified.", path, exception),
                _ => new SipSecurityException("TrustStoreUnreadable", SipErrorKind.InvalidData,
                    $"The TLS truststore '{path}' cannot be read: {exception.Message}", path, exception),
            };
        }
    }

    /// <summary>The key entry to serve: the configured alias, which must hold a private key, else the keystore's only key entry.</summary>
    public static KeyStoreEntryInfo FindKeyEntry(SipTlsConfiguration configuration, KeyStore keyStore)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(keyStore);
        if (configuration.Alias is { } alias)
        {
            if (!keyStore.ContainsAlias(alias))
            {
                throw new SipSecurityException("TlsAliasNotFound", SipErrorKind.ObjectNotFound,
                    $"The TLS keystore '{keyStore.Path}' has no entry '{NameRules.Printable(alias)}'. Its entries: {Describe(keyStore.Aliases)}.", alias);
            }

            var entry = keyStore.GetEntry(alias);
            return entry.EntryType == KeyEntryType.PrivateKey
                ? entry
                : throw new SipSecurityException("TlsAliasHasNoPrivateKey", SipErrorKind.InvalidArgument,
                    $"The entry '{entry.Alias}' in '{keyStore.Path}' is a trusted certificate without a private key; the server needs a key entry (made by New-SipKeyStore, ConvertTo-SipPkcs12 or Import-SipCertificateReply).", alias);
        }

        var keys = keyStore.GetEntries().Where(e => e.EntryType == KeyEntryType.PrivateKey).ToArray();
        return keys.Length switch
        {
            1 => keys[0],
            0 => throw new SipSecurityException("TlsNoKeyEntry", SipErrorKind.InvalidArgument,
                $"The TLS keystore '{keyStore.Path}' holds no private-key entry, only trusted certificates; the server needs a key entry.", keyStore.Path),
            _ => throw new SipSecurityException("TlsAliasRequired", SipErrorKind.InvalidArgument,
                $"The TLS keystore '{keyStore.Path}' holds {keys.Length} private-key entries ({Describe(keys.Select(k => k.Alias))}): choose one with -Alias.", keyStore.Path),
        };
    }

    private static string Describe(IEnumerable<string> aliases)
    {
        var list = aliases.Select(a => $"'{a}'").ToArray();
        return list.Length == 0 ? "none" : string.Join(", ", list);
    }
}
