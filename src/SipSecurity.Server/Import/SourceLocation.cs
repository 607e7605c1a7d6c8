namespace SipSecurity.Server.Import;

/// <summary>Where an imported item came from: a file name and a 1-based line, shown as "users.properties:12".</summary>
public readonly record struct SourceLocation(string File, int Line)
{
    public override string ToString() => Line > 0 ? $"{System.IO.Path.GetFileName(File)}:{Line}" : System.IO.Path.GetFileName(File);

    /// <summary>An error about this place: the message is prefixed with "file:line: ".</summary>
    public SipSecurityException Error(string errorId, SipErrorKind kind, string message) =>
        new(errorId, kind, $"{this}: {message}", File);
}
