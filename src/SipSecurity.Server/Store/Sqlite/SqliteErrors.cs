using Microsoft.Data.Sqlite;

namespace SipSecurity.Server.Store.Sqlite;

/// <summary>Turns SQLite's failures into the library's errors, naming the file and never the data.</summary>
internal static class SqliteErrors
{
    // SQLite primary result codes (sqlite3.h).
    private const int Busy = 5;
    private const int Locked = 6;
    private const int ReadOnly = 8;
    private const int IoError = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int NotADatabase = 26;

    public static SipSecurityException Translate(SqliteException exception, string path) => (exception.SqliteErrorCode & 0xff) switch
    {
        Corrupt or NotADatabase => new SipSecurityException("StoreCorrupt", SipErrorKind.InvalidData,
            $"The config store '{path}' is not a SipSecurity store or is damaged: {exception.Message} Nothing was changed; restore it from a backup (Export-SipConfiguration) or point -ConfigPath elsewhere.", path, exception),
        ReadOnly => new SipSecurityException("StoreReadOnly", SipErrorKind.PermissionDenied,
            $"The config store '{path}' is read-only: {exception.Message} Nothing was changed.", path, exception),
        CantOpen => new SipSecurityException("StoreUnavailable", SipErrorKind.ResourceUnavailable,
            $"The config store '{path}' cannot be opened: {exception.Message}", path, exception),
        Busy or Locked => new SipSecurityException("StoreBusy", SipErrorKind.ResourceUnavailable,
            $"The config store '{path}' stayed locked by another process for too long. Nothing was changed; try again.", path, exception),
        Full or IoError => new SipSecurityException("StoreWriteFailed", SipErrorKind.WriteError,
            $"Writing the config store '{path}' failed: {exception.Message} Nothing was changed.", path, exception),
        _ => new SipSecurityException("StoreError", SipErrorKind.InvalidOperation,
            $"The config store '{path}' reported an error: {exception.Message}", path, exception),
    };
}
