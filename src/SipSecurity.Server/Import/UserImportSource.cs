namespace SipSecurity.Server.Import;

/// <summary>The users read from import files, and what the reader wants the operator to know.</summary>
public sealed class UserImportSource : IDisposable
{
    public required string Description { get; init; }

    public required IReadOnlyList<ImportedUser> Users { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>True when the source held plaintext passwords (tomcat-users.xml).</summary>
    public bool HadPlaintextPasswords { get; init; }

    public void Dispose()
    {
        foreach (var user in Users)
        {
            user.Dispose();
        }
    }
}
