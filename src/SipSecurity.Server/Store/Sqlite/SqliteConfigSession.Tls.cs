using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using SipSecurity.Server.Configuration;

namespace SipSecurity.Server.Store.Sqlite;

/// <summary>
/// TLS settings as 'tls.*' meta rows (absent: default), readable with the sqlite3 CLI; the passwords as UTF-8 blobs
/// in the secrets table, read and written through buffers that are cleared after use.
/// </summary>
internal sealed partial class SqliteConfigSession
{
    private const string TlsPrefix = "tls.";
    private const string TlsKeyStorePath = "tls.keystore_path";
    private const string TlsAlias = "tls.alias";
    private const string TlsTrustStorePath = "tls.truststore_path";
    private const string TlsClientAuthentication = "tls.client_authentication";
    private const string TlsProtocols = "tls.protocols";
    private const string TlsCipherSuites = "tls.cipher_suites";
    private const string TlsHandshakeTimeout = "tls.handshake_timeout";

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public SipTlsConfiguration GetTlsConfiguration()
    {
        var stored = ReadMeta(TlsPrefix);
        var configuration = new SipTlsConfiguration
        {
            KeyStorePath = stored.GetValueOrDefault(TlsKeyStorePath),
            Alias = stored.GetValueOrDefault(TlsAlias),
            TrustStorePath = stored.GetValueOrDefault(TlsTrustStorePath),
            HasKeyStorePassword = HasTlsSecret(SipTlsSecret.KeyStorePassword),
            HasTrustStorePassword = HasTlsSecret(SipTlsSecret.TrustStorePassword),
        };
        if (stored.TryGetValue(TlsClientAuthentication, out var text))
        {
            configuration = configuration with
            {
                ClientAuthentication = Enum.TryParse<SipClientAuthentication>(text, out var mode) && Enum.IsDefined(mode) ? mode : throw TlsCorrupt(TlsClientAuthentication, text),
            };
        }

        if (stored.TryGetValue(TlsProtocols, out text))
        {
            var protocols = new List<SipTlsProtocol>();
            foreach (var name in Split(text))
            {
                protocols.Add(Enum.TryParse<SipTlsProtocol>(name, out var protocol) && Enum.IsDefined(protocol) ? protocol : throw TlsCorrupt(TlsProtocols, text));
            }

            configuration = configuration with { Protocols = SipTlsProtocols.ToSslProtocols(protocols) };
        }

        if (stored.TryGetValue(TlsCipherSuites, out text))
        {
            configuration = configuration with { CipherSuites = Split(text) };
        }

        if (stored.TryGetValue(TlsHandshakeTimeout, out text))
        {
            configuration = configuration with
            {
                HandshakeTimeout = TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out var timeout) ? timeout : throw TlsCorrupt(TlsHandshakeTimeout, text),
            };
        }

        return configuration;
    }

    public void PutTlsConfiguration(SipTlsConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        SipTlsRules.Validate(configuration);
        SetOrDeleteMeta(TlsKeyStorePath, configuration.KeyStorePath);
        SetOrDeleteMeta(TlsAlias, configuration.Alias);
        SetOrDeleteMeta(TlsTrustStorePath, configuration.TrustStorePath);
        SetMeta(TlsClientAuthentication, configuration.ClientAuthentication.ToString());
        SetMeta(TlsProtocols, Join(SipTlsProtocols.FromSslProtocols(configuration.Protocols).Select(p => p.ToString())));
        SetMeta(TlsCipherSuites, Join(SipTlsRules.CanonicalCipherSuites(configuration.CipherSuites)));
        SetMeta(TlsHandshakeTimeout, configuration.HandshakeTimeout.ToString("c", CultureInfo.InvariantCulture));
        // Even an identical configuration is a reason for the running server to reload the keystore file.
        Changed = true;
    }

    public char[]? ReadTlsSecret(SipTlsSecret which)
    {
        using var command = Command("SELECT value FROM secrets WHERE name = $name;", ("$name", SecretName(which)));
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var bytes = (byte[])reader.GetValue(0);
        try
        {
            return s_strictUtf8.GetChars(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new SipSecurityException("StoreCorrupt", SipErrorKind.InvalidData,
                $"The stored {which} is not valid UTF-8. Set it again with Set-SipTlsConfiguration.", which.ToString());
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    public void PutTlsSecret(SipTlsSecret which, ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            throw new ArgumentException("A TLS password must not be empty.", nameof(value));
        }

        byte[] bytes;
        try
        {
            bytes = new byte[s_strictUtf8.GetByteCount(value)];
            s_strictUtf8.GetBytes(value, bytes);
        }
        catch (EncoderFallbackException)
        {
            throw new SipSecurityException("InvalidTlsSetting", SipErrorKind.InvalidArgument,
                $"The {which} contains an unpaired surrogate character and cannot be stored.", which.ToString());
        }

        try
        {
            using var command = Command("""
                INSERT INTO secrets (name, value) VALUES ($name, $value)
                ON CONFLICT(name) DO UPDATE SET value = excluded.value;
                """, ("$name", SecretName(which)));
            // SQLite copies a bound blob (SQLITE_TRANSIENT), so clearing our buffer afterwards leaves no copy of ours.
            command.Parameters.Add("$value", SqliteType.Blob).Value = bytes;
            Changed |= command.ExecuteNonQuery() > 0;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    public bool DeleteTlsSecret(SipTlsSecret which) =>
        Execute("DELETE FROM secrets WHERE name = $name;", ("$name", SecretName(which))) > 0;

    private bool HasTlsSecret(SipTlsSecret which)
    {
        using var command = Command("SELECT COUNT(*) FROM secrets WHERE name = $name;", ("$name", SecretName(which)));
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }

    private void SetOrDeleteMeta(string key, string? value)
    {
        if (value is null)
        {
            Execute("DELETE FROM meta WHERE key = $key;", ("$key", key));
        }
        else
        {
            SetMeta(key, value);
        }
    }

    private static string SecretName(SipTlsSecret which) => which switch
    {
        SipTlsSecret.KeyStorePassword => "tls.keystore_password",
        SipTlsSecret.TrustStorePassword => "tls.truststore_password",
        _ => throw new ArgumentOutOfRangeException(nameof(which), which, "Not a TLS secret."),
    };

    private static SipSecurityException TlsCorrupt(string key, string text) =>
        new("StoreCorrupt", SipErrorKind.InvalidData,
            $"The TLS setting '{key}' in the config store has the value '{NameRules.Printable(text)}', which is not valid. Set it again with Set-SipTlsConfiguration.", key);
}
