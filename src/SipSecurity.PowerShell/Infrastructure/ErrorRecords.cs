using System.Management.Automation;
using SipSecurity.Server;

namespace SipSecurity.PowerShell;

/// <summary>Maps the library's errors onto ErrorRecords with their stable id and a PowerShell category.</summary>
internal static class ErrorRecords
{
    public static ErrorRecord From(SipSecurityException exception) =>
        new(exception, exception.ErrorId, Map(exception.Kind), exception.Target);

    public static ErrorRecord Create(string errorId, ErrorCategory category, string message, object? target) =>
        new(new SipSecurityException(errorId, SipErrorKind.InvalidArgument, message, target), errorId, category, target);

    private static ErrorCategory Map(SipErrorKind kind) => kind switch
    {
        SipErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
        SipErrorKind.ObjectNotFound => ErrorCategory.ObjectNotFound,
        SipErrorKind.ResourceExists => ErrorCategory.ResourceExists,
        SipErrorKind.InvalidData => ErrorCategory.InvalidData,
        SipErrorKind.InvalidOperation => ErrorCategory.InvalidOperation,
        SipErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
        SipErrorKind.NotImplemented => ErrorCategory.NotImplemented,
        SipErrorKind.ResourceUnavailable => ErrorCategory.ResourceUnavailable,
        SipErrorKind.SecurityError => ErrorCategory.SecurityError,
        SipErrorKind.WriteError => ErrorCategory.WriteError,
        _ => ErrorCategory.NotSpecified,
    };
}
