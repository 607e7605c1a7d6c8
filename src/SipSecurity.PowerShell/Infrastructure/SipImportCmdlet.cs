using System.Management.Automation;
using SipSecurity.Server;
using SipSecurity.Server.Import;

namespace SipSecurity.PowerShell;

/// <summary>What the import cmdlets share: plan (terminating on any error), ShouldProcess, apply in one transaction, warn.</summary>
public abstract class SipImportCmdlet : SipStoreCmdlet
{
    /// <summary>Reads a file into a desired configuration; a parse error ends the command and changes nothing.</summary>
    protected DesiredConfiguration ReadSource(Func<DesiredConfiguration> read) => Terminating(read);

    /// <summary>Plans, asks ShouldProcess with the list of changes, applies. Returns null under -WhatIf or when declined.</summary>
    protected SipImportResult? RunImport(DesiredConfiguration desired, SipImportOptions options, string action)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var importer = new SipConfigurationImporter(Store);
        var plan = Terminating(() => importer.Plan(desired, options));
        if (!plan.Changed)
        {
            WriteVerbose($"The config store already matches {desired.Source}; nothing to change.");
            WriteWarnings(plan);
            return plan;
        }

        var description = $"{action}: {string.Join("; ", plan.Describe())}";
        if (!ShouldProcess(desired.Source, description))
        {
            WriteWarnings(plan);
            return null;
        }

        var result = Terminating(() => importer.Apply(desired, options));
        foreach (var line in result.Describe())
        {
            WriteVerbose(line);
        }

        WriteWarnings(result);
        return result;
    }

    /// <summary>Resolves a -Path value (PowerShell drive or relative path) to a file system path.</summary>
    protected string FilePath(string path) => GetUnresolvedProviderPathFromPSPath(path);

    private void WriteWarnings(SipImportResult result)
    {
        foreach (var warning in result.Warnings)
        {
            WriteWarning(warning);
        }
    }
}
