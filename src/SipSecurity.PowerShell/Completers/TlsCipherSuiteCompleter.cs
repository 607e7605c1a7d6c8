using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Net.Security;

namespace SipSecurity.PowerShell.Completers;

/// <summary>Completes IANA cipher suite names, as .NET's TlsCipherSuite names them (TLS_AES_128_GCM_SHA256 ...).</summary>
internal sealed class TlsCipherSuiteCompleter : IArgumentCompleter
{
    private static readonly string[] s_names = Enum.GetNames<TlsCipherSuite>().Order(StringComparer.Ordinal).ToArray();

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return s_names
            .Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n));
    }
}
