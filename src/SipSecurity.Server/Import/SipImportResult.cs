using SipSecurity.Server.Configuration;
using SipSecurity.Server.Store;

namespace SipSecurity.Server.Import;

/// <summary>What an import changed (or, under -WhatIf, would change). Never holds credentials.</summary>
public sealed class SipImportResult
{
    private readonly List<Action<IConfigWriter>> _writes = [];

    public required string Source { get; init; }

    public List<string> UsersAdded { get; } = [];

    public List<string> UsersReplaced { get; } = [];

    public List<string> UsersRemoved { get; } = [];

    /// <summary>The roles the imported users hold.</summary>
    public IReadOnlyList<string> Roles { get; internal set; } = [];

    /// <summary>One line per changed servlet, constraint or login setting.</summary>
    public List<string> Changes { get; } = [];

    public List<string> Warnings { get; } = [];

    /// <summary>The imported users as they are (or would be) after the import.</summary>
    public List<SipUser> Users { get; } = [];

    public bool Changed => _writes.Count > 0;

    internal void Write(Action<IConfigWriter> write) => _writes.Add(write);

    internal void ApplyTo(IConfigWriter writer)
    {
        foreach (var write in _writes)
        {
            write(writer);
        }
    }

    /// <summary>One line per change, users summarized, for -WhatIf and -Verbose.</summary>
    public IEnumerable<string> Describe()
    {
        foreach (var line in Changes)
        {
            yield return line;
        }

        if (UsersAdded.Count + UsersReplaced.Count + UsersRemoved.Count > 0)
        {
            yield return $"users: {UsersAdded.Count} added, {UsersReplaced.Count} replaced or updated, {UsersRemoved.Count} removed";
        }
    }
}
