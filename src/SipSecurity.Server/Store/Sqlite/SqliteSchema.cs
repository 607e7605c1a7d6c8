using Microsoft.Data.Sqlite;

namespace SipSecurity.Server.Store.Sqlite;

/// <summary>
/// The schema as forward-only migrations. The store's version is SQLite's user_version; a migration
/// runs inside the transaction that raises it, so a store is never left between two versions.
/// </summary>
internal static class SqliteSchema
{
    private static readonly string[] s_migrations =
    [
        // 1: login config, users and roles, servlets, security constraints.
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE users (
            name TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
            realm TEXT NOT NULL,
            enabled INTEGER NOT NULL,
            ha1_md5 TEXT,
            ha1_sha256 TEXT,
            ha1_sha512_256 TEXT,
            created TEXT NOT NULL,
            modified TEXT NOT NULL);
        CREATE TABLE user_roles (
            user_name TEXT NOT NULL COLLATE NOCASE REFERENCES users(name) ON DELETE CASCADE ON UPDATE CASCADE,
            role TEXT NOT NULL,
            PRIMARY KEY (user_name, role)) WITHOUT ROWID;
        CREATE INDEX user_roles_by_role ON user_roles(role);
        CREATE TABLE servlets (
            name TEXT NOT NULL PRIMARY KEY,
            kind TEXT NOT NULL,
            methods TEXT NOT NULL);
        CREATE TABLE security_constraints (
            name TEXT NOT NULL PRIMARY KEY,
            position INTEGER NOT NULL,
            servlets TEXT NOT NULL,
            methods TEXT NOT NULL,
            roles TEXT NOT NULL,
            proxy_authentication INTEGER NOT NULL,
            transport_guarantee TEXT NOT NULL);
        INSERT INTO meta (key, value) VALUES
            ('revision', '0'),
            ('login.auth_method', 'Digest'),
            ('login.realm', 'sip-servlets'),
            ('login.algorithms', 'MD5,SHA256');
        INSERT INTO servlets (name, kind, methods) VALUES
            ('registrar', 'Registrar', 'REGISTER'),
            ('proxy', 'Proxy', '*');
        """,
    ];

    /// <summary>The schema version this build writes.</summary>
    public static int CurrentVersion => s_migrations.Length;

    public static int ReadVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Brings the store up to <see cref="CurrentVersion"/>; safe when another process migrates at the same time.</summary>
    public static void Migrate(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        // Re-read under the write lock: another process may have migrated while we waited.
        var version = ReadVersion(connection);
        for (var next = version; next < s_migrations.Length; next++)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = s_migrations[next] + $"\nPRAGMA user_version = {next + 1};";
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
