using Microsoft.Data.Sqlite;

namespace SipSecurity.Server.Store.Sqlite;

/// <summary>One transaction's view of the store. Split by entity into partial files.</summary>
internal sealed partial class SqliteConfigSession : IConfigWriter
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;

    public SqliteConfigSession(SqliteConnection connection, SqliteTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>True once this transaction wrote something.</summary>
    public bool Changed { get; private set; }

    public long ReadRevision()
    {
        using var command = Command("SELECT value FROM meta WHERE key = 'revision';");
        return long.Parse((string)command.ExecuteScalar()!, System.Globalization.CultureInfo.InvariantCulture);
    }

    public void BumpRevision() =>
        Execute("UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'revision';");

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        var rows = command.ExecuteNonQuery();
        Changed |= rows > 0;
        return rows;
    }

    private static string Join(IEnumerable<string> items) => string.Join(',', items);

    private static string[] Split(string text) =>
        text.Length == 0 ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
