using System.Globalization;
using Microsoft.Data.Sqlite;
using SipSecurity.Server.Registrar;

namespace SipSecurity.Server.Store.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode, owner-only. Writes take SQLite's write lock
/// up front (BEGIN IMMEDIATE) and wait for another process's transaction instead of failing,
/// so provisioning from two processes at once loses nothing.
/// </summary>
public sealed class SqliteConfigStore : IConfigStore
{
    private static readonly TimeSpan s_busyTimeout = TimeSpan.FromSeconds(60);
    private readonly SqliteConnection _connection;

    private SqliteConfigStore(string path, SqliteConnection connection)
    {
        Location = path;
        _connection = connection;
    }

    public string Location { get; }

    /// <summary>Opens the store file at <paramref name="path"/>, creating it (owner-only) and migrating it as needed.</summary>
    public static SqliteConfigStore Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        path = Path.GetFullPath(path);
        CreateOwnerOnlyFile(path);

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,
            // Pooled handles would keep the file open after a cmdlet ends.
            Pooling = false,
            DefaultTimeout = (int)s_busyTimeout.TotalSeconds,
        }.ToString());
        try
        {
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout = {(int)s_busyTimeout.TotalMilliseconds};");
            var version = SqliteSchema.ReadVersion(connection);
            if (version > SqliteSchema.CurrentVersion)
            {
                throw new SipSecurityException("StoreSchemaTooNew", SipErrorKind.InvalidOperation,
                    $"The config store '{path}' has schema version {version}, written by a newer SipSecurity; this version understands up to {SqliteSchema.CurrentVersion}. Nothing was changed: update the module.", path);
            }

            // secure_delete: a replaced keystore password or A1 hash is overwritten, not left in free pages.
            Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;");
            if (version < SqliteSchema.CurrentVersion)
            {
                SqliteSchema.Migrate(connection);
            }

            return new SqliteConfigStore(path, connection);
        }
        catch (SqliteException exception)
        {
            connection.Dispose();
            throw SqliteErrors.Translate(exception, path);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public long ReadRevision()
    {
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT value FROM meta WHERE key = 'revision';";
            return long.Parse((string)command.ExecuteScalar()!, CultureInfo.InvariantCulture);
        }
        catch (SqliteException exception)
        {
            throw SqliteErrors.Translate(exception, Location);
        }
    }

    public T Read<T>(Func<IConfigReader, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            using var transaction = _connection.BeginTransaction(deferred: true);
            var result = read(new SqliteConfigSession(_connection, transaction));
            transaction.Commit();
            return result;
        }
        catch (SqliteException exception)
        {
            throw SqliteErrors.Translate(exception, Location);
        }
    }

    public T Write<T>(Func<IConfigWriter, T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        try
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            var session = new SqliteConfigSession(_connection, transaction);
            var result = write(session);
            if (session.Changed)
            {
                session.BumpRevision();
            }

            transaction.Commit();
            return result;
        }
        catch (SqliteException exception)
        {
            throw SqliteErrors.Translate(exception, Location);
        }
    }

    public bool SaveBindings(IReadOnlyList<SipRegistration> upserts, IReadOnlyList<SipRegistrationKey> removals, long? expectedRevision = null)
    {
        ArgumentNullException.ThrowIfNull(upserts);
        ArgumentNullException.ThrowIfNull(removals);
        if (upserts.Count == 0 && removals.Count == 0)
        {
            return true;
        }

        return WriteWithoutRevision(session =>
        {
            // Checked inside the exclusive transaction: no other process can change the store in between.
            if (expectedRevision is { } expected && session.ReadRevision() != expected)
            {
                return false;
            }

            session.SaveBindings(upserts, removals);
            return true;
        });
    }

    public IReadOnlyList<SipRegistration> LoadBindings(DateTimeOffset now) => WriteWithoutRevision(session => session.LoadBindings(now));

    public void Dispose() => _connection.Dispose();

    /// <summary>One exclusive transaction that leaves the revision alone (the server's own registration traffic).</summary>
    private T WriteWithoutRevision<T>(Func<SqliteConfigSession, T> write)
    {
        try
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            var result = write(new SqliteConfigSession(_connection, transaction));
            transaction.Commit();
            return result;
        }
        catch (SqliteException exception)
        {
            throw SqliteErrors.Translate(exception, Location);
        }
    }

    private static void CreateOwnerOnlyFile(string path)
    {
        if (File.Exists(path))
        {
            return;
        }

        try
        {
            var directory = Path.GetDirectoryName(path)!;
            if (!Directory.Exists(directory))
            {
                if (OperatingSystem.IsWindows())
                {
                    Directory.CreateDirectory(directory);
                }
                else
                {
                    Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }

            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                // SQLite gives its -wal and -shm files the database file's mode.
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var _ = new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: fine, it is the same store.
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new SipSecurityException("StoreReadOnly", SipErrorKind.PermissionDenied,
                $"The config store cannot be created at '{path}': {exception.Message} Choose a writable folder with -ConfigPath or ${ConfigStoreLocation.EnvironmentVariable}.", path, exception);
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
