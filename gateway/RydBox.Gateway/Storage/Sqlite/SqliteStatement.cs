using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace RydBox.Gateway.Storage.Sqlite;

/// <summary>
/// One SQL statement prepared once on an open connection and executed many times, with parameters
/// bound by position (?1, ?2 …) through SQLitePCLRaw, the library under Microsoft.Data.Sqlite.
/// For the ingest writer's hot statements: an ADO.NET command looks every parameter up by name and
/// re-encodes it on every execution, which cost more than SQLite's own work for a one-row upsert.
/// It runs inside whatever transaction the connection has open (a <see cref="SqliteTransaction"/>
/// begun on the same connection). Errors become <see cref="SqliteException"/>, as with ADO.NET.
/// Dispose it before its connection.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        int rc = raw.sqlite3_prepare_v3(_db, sql, raw.SQLITE_PREPARE_PERSISTENT, out sqlite3_stmt statement);
        if (rc != raw.SQLITE_OK)
        {
            statement?.Dispose();
            SqliteException.ThrowExceptionForRC(rc, _db);
            throw new InvalidOperationException($"SQLite could not prepare a statement (result {rc})");
        }

        _statement = statement;
    }

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    public void Bind(int index, double value) => Check(raw.sqlite3_bind_double(_statement, index, value));

    public void Bind(int index, string value) => Check(raw.sqlite3_bind_text(_statement, index, value));

    public void Bind(int index, ReadOnlySpan<byte> blob) => Check(raw.sqlite3_bind_blob(_statement, index, blob));

    /// <summary>Binds text given as UTF-8 bytes.</summary>
    public void BindText(int index, ReadOnlySpan<byte> utf8) => Check(raw.sqlite3_bind_text(_statement, index, utf8));

    /// <summary>
    /// Steps a query: true with a result row to read (<see cref="Bytes"/>), false at its end, when it
    /// is reset for the next use. A query read only in part must be <see cref="Reset"/>.
    /// </summary>
    public bool Read()
    {
        int rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }

        return false;
    }

    /// <summary>The current row's column as bytes (text as UTF-8); valid until the next step or reset.</summary>
    public ReadOnlySpan<byte> Bytes(int column) => raw.sqlite3_column_blob(_statement, column);

    /// <summary>The current row's column as an integer.</summary>
    public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    public void Reset() => raw.sqlite3_reset(_statement);

    /// <summary>Runs the statement to its end (no result rows expected); the number of rows it inserted or changed.</summary>
    public int Execute()
    {
        int rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
            throw new InvalidOperationException($"the statement returned rows (SQLite result {rc}); it must not");
        }

        return raw.sqlite3_changes(_db);
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
