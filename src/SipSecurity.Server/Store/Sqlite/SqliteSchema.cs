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

        // 2: connectors, the registrar's bindings, server settings (meta keys 'server.*', defaults when
        // absent). Every store gets the two default connectors, a v1 store migrating too: before v2 the
        // server had no connectors, so listening on 5060 is what an upgraded store expects.
        """
        CREATE TABLE connectors (
            name TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
            transport TEXT NOT NULL,
            address TEXT NOT NULL,
            port INTEGER NOT NULL,
            UNIQUE (transport, address, port));
        CREATE TABLE registrations (
            aor TEXT NOT NULL,
            contact TEXT NOT NULL,
            expires INTEGER NOT NULL,
            q REAL,
            call_id TEXT NOT NULL,
            cseq INTEGER NOT NULL,
            transport TEXT NOT NULL,
            source TEXT NOT NULL,
            user_agent TEXT,
            updated INTEGER NOT NULL,
            PRIMARY KEY (aor, contact)) WITHOUT ROWID;
        CREATE INDEX registrations_by_expires ON registrations(expires);
        INSERT INTO connectors (name, transport, address, port) VALUES
            ('udp', 'Udp', '0.0.0.0', 5060),
            ('tcp', 'Tcp', '0.0.0.0', 5060);
        """,

        // 3: TLS. Settings are meta keys 'tls.*' (defaults when absent); the keystore and truststore passwords are
        // UTF-8 blobs in their own table, so no query over meta can return one by accident. The file is owner-only,
        // like the A1 hashes it already holds; the values are not encrypted, because a key kept beside them would
        // protect nothing.
        """
        CREATE TABLE secrets (
            name TEXT NOT NULL PRIMARY KEY,
            value BLOB NOT NULL) WITHOUT ROWID;
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
    public static void Migrate(SqliteConnection connection) => Migrate(connection, CurrentVersion);

    /// <summary>Brings the store up to <paramref name="targetVersion"/> (tests build old stores with it).</summary>
    internal static void Migrate(SqliteConnection connection, int targetVersion)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(targetVersion, CurrentVersion);
        using var transaction = connection.BeginTransaction(deferred: false);
        // Re-read under the write lock: another process may have migrated while we waited.
        var version = ReadVersion(connection);
        for (var next = version; next < targetVersion; next++)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = s_migrations[next] + $"\nPRAGMA user_version = {next + 1};";
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
