using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using SipSecurity.Server.Store;
using SipSecurity.Server.Store.Sqlite;

namespace SipSecurity.PowerShell.Completers;

/// <summary>Completes names that exist in the config store the command line points at.</summary>
internal abstract class StoreNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string? configPath = fakeBoundParameters?["ConfigPath"] as string;
        var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
        IReadOnlyList<string> names;
        try
        {
            var path = ConfigStoreLocation.Resolve(configPath);
            if (!File.Exists(path))
            {
                return [];
            }

            using var store = SqliteConfigStore.Open(path);
            names = GetNames(store, prefix);
        }
#pragma warning disable CA1031 // A completer must never throw into the user's typing.
        catch (Exception)
#pragma warning restore CA1031
        {
            return [];
        }

        return names
            .Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Take(200)
            .Select(n => new CompletionResult(Quote(n), n, CompletionResultType.ParameterValue, n));
    }

    protected abstract IReadOnlyList<string> GetNames(IConfigStore store, string prefix);

    private static string Quote(string name) =>
        name.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '$' or '`' or ',' or ';' or '(' or ')' or '{' or '}' or '@' or '#')
            ? "'" + name.Replace("'", "''", StringComparison.Ordinal) + "'"
            : name;
}

internal sealed class UserNameCompleter : StoreNameCompleter
{
    protected override IReadOnlyList<string> GetNames(IConfigStore store, string prefix) =>
        store.Read(r => r.ListUsers(prefix).Take(200).Select(u => u.Name).ToArray());
}

internal sealed class RoleNameCompleter : StoreNameCompleter
{
    protected override IReadOnlyList<string> GetNames(IConfigStore store, string prefix) =>
        store.Read(r => r.GetRoles().Select(x => x.Name).ToArray());
}

internal sealed class ServletNameCompleter : StoreNameCompleter
{
    protected override IReadOnlyList<string> GetNames(IConfigStore store, string prefix) =>
        store.Read(r => r.GetServlets().Select(x => x.Name).ToArray());
}

internal sealed class ConstraintNameCompleter : StoreNameCompleter
{
    protected override IReadOnlyList<string> GetNames(IConfigStore store, string prefix) =>
        store.Read(r => r.GetConstraints().Select(x => x.Name).ToArray());
}

internal sealed class ConnectorNameCompleter : StoreNameCompleter
{
    protected override IReadOnlyList<string> GetNames(IConfigStore store, string prefix) =>
        store.Read(r => r.GetConnectors().Select(x => x.Name).ToArray());
}
