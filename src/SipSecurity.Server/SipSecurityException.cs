namespace SipSecurity.Server;

/// <summary>Broad kind of a failure, mapped by the cmdlet layer onto PowerShell's ErrorCategory.</summary>
public enum SipErrorKind
{
    InvalidArgument,
    ObjectNotFound,
    ResourceExists,
    InvalidData,
    InvalidOperation,
    PermissionDenied,
    NotImplemented,
    ResourceUnavailable,
    SecurityError,
    WriteError,
}

/// <summary>
/// The one exception the library throws for expected failures. <see cref="ErrorId"/> is stable
/// (scripts and tests match on it); the message never contains a secret.
/// </summary>
public class SipSecurityException : Exception
{
    public SipSecurityException(string errorId, SipErrorKind kind, string message, object? target = null, Exception? inner = null)
        : base(message, inner)
    {
        ErrorId = errorId;
        Kind = kind;
        Target = target;
    }

    /// <summary>PascalCase identifier, stable across releases.</summary>
    public string ErrorId { get; }

    public SipErrorKind Kind { get; }

    /// <summary>The object the failure is about (a user name, a file path), for ErrorRecord.TargetObject.</summary>
    public object? Target { get; }
}
