using System.Management.Automation;
using System.Net;
using System.Security;
using SipSecurity.KeyStores;

namespace SipSecurity.PowerShell;

/// <summary>
/// What the keystore cmdlets share: provider paths, SecureString passwords turned into char arrays that
/// are cleared after use, and KeyStoreExceptions turned into ErrorRecords with their stable id.
/// </summary>
public abstract class SipKeyStoreCmdlet : PSCmdlet
{
    /// <summary>Resolves a path as PowerShell users expect (relative to the current location, ~ expanded).</summary>
    protected string ResolvePath(string path) => GetUnresolvedProviderPathFromPSPath(path);

    /// <summary>Runs <paramref name="action"/> with the passwords as char arrays, clearing them afterwards.</summary>
    protected static T WithSecrets<T>(SecureString? first, SecureString? second, Func<char[], char[], T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var a = first is null ? [] : SecretConversion.ToCharArray(first);
        var b = second is null ? [] : SecretConversion.ToCharArray(second);
        try
        {
            return action(a, b);
        }
        finally
        {
            Array.Clear(a);
            Array.Clear(b);
        }
    }

    protected static T WithSecret<T>(SecureString? secret, Func<char[], T> action) =>
        WithSecrets(secret, null, (a, _) => action(a));

    /// <summary>Runs keystore work; a KeyStoreException ends the command with its error id.</summary>
    protected T Run<T>(Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            return action();
        }
        catch (KeyStoreException exception)
        {
            ThrowTerminatingError(ToErrorRecord(exception));
            throw;
        }
    }

    protected static ErrorRecord ToErrorRecord(KeyStoreException exception) =>
        new(exception, exception.ErrorId, Category(exception.ErrorId), exception.Path);

    /// <summary>Stops the command when <paramref name="path"/> exists and -Force was not given.</summary>
    protected void RefuseToOverwrite(string path, bool force)
    {
        if (File.Exists(path) && !force)
        {
            ThrowTerminatingError(new ErrorRecord(new IOException($"The file '{path}' exists; use -Force to overwrite it."),
                "FileExists", ErrorCategory.ResourceExists, path));
        }
    }

    /// <summary>Warns about entries that expire soon or have expired (what keytool -list -v leaves to the reader).</summary>
    protected void WarnAboutValidity(KeyStoreEntryInfo entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var now = DateTimeOffset.UtcNow;
        if (entry.IsExpired(now))
        {
            WriteWarning($"The certificate of '{entry.Alias}' expired on {entry.NotAfter:u}.");
        }
        else if (entry.ExpiresWithin(TimeSpan.FromDays(30), now))
        {
            WriteWarning($"The certificate of '{entry.Alias}' expires on {entry.NotAfter:u}, within 30 days.");
        }
    }

    /// <summary>Splits SAN arguments: "DNS:name", "IP:addr", or a bare name or address.</summary>
    protected static (List<string> Dns, List<IPAddress> Ip) ParseSubjectAlternativeNames(IEnumerable<string>? names)
    {
        var dns = new List<string>();
        var ips = new List<IPAddress>();
        foreach (var raw in names ?? [])
        {
            var name = raw.Trim();
            if (name.StartsWith("DNS:", StringComparison.OrdinalIgnoreCase))
            {
                dns.Add(name[4..]);
            }
            else if (name.StartsWith("IP:", StringComparison.OrdinalIgnoreCase))
            {
                ips.Add(IPAddress.Parse(name[3..]));
            }
            else if (IPAddress.TryParse(name, out var address))
            {
                ips.Add(address);
            }
            else
            {
                dns.Add(name);
            }
        }

        return (dns, ips);
    }

    /// <summary>The store type a new file gets: the extension says .jks, else PKCS#12 (Java's default since 9).</summary>
    protected static KeyStoreType DefaultTypeFor(string path) =>
        path.EndsWith(".jks", StringComparison.OrdinalIgnoreCase) ? KeyStoreType.Jks : KeyStoreType.Pkcs12;

    private static ErrorCategory Category(string errorId) => errorId switch
    {
        KeyStoreErrorIds.WrongPassword => ErrorCategory.SecurityError,
        KeyStoreErrorIds.AliasNotFound or KeyStoreErrorIds.StoreNotFound => ErrorCategory.ObjectNotFound,
        KeyStoreErrorIds.AliasExists or KeyStoreErrorIds.StoreExists => ErrorCategory.ResourceExists,
        KeyStoreErrorIds.NotKeyEntry => ErrorCategory.InvalidOperation,
        KeyStoreErrorIds.UnsupportedAlgorithm => ErrorCategory.NotImplemented,
        KeyStoreErrorIds.IoError => ErrorCategory.WriteError,
        _ => ErrorCategory.InvalidData,
    };
}
