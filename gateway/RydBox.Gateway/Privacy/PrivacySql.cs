using Microsoft.Data.Sqlite;

namespace RydBox.Gateway.Privacy;

/// <summary>
/// Deletes in the gateway's SQLite file, in chunks: each chunk is a transaction of its own, so a
/// year of a device's rows never holds the write lock long enough to stall ingest, and a crash
/// between chunks leaves a state that simply running the same deletion again finishes.
/// </summary>
internal static class PrivacySql
{
    /// <summary>Rows one statement deletes at most.</summary>
    public const int ChunkRows = 5000;

    /// <summary>
    /// Deletes the rows of a (device_id, sequence)-keyed table that match <paramref name="condition"/>
    /// (SQL over the table's columns and <paramref name="parameters"/>) for one device; returns how many.
    /// </summary>
    public static long DeleteBySequence(SqliteConnection connection, string table, string deviceId, string condition, params (string Name, object Value)[] parameters) =>
        Repeat(
            connection,
            $"""
            DELETE FROM {table} WHERE device_id = $device AND sequence IN
                (SELECT sequence FROM {table} WHERE device_id = $device AND ({condition}) LIMIT {ChunkRows})
            """,
            deviceId,
            parameters);

    /// <summary>Runs one statement until it changes fewer than <see cref="ChunkRows"/> rows; returns the rows changed.</summary>
    public static long Repeat(SqliteConnection connection, string sql, string deviceId, params (string Name, object Value)[] parameters)
    {
        long total = 0;
        while (true)
        {
            int changed = Execute(connection, sql, deviceId, parameters);
            total += changed;
            if (changed < ChunkRows)
            {
                return total;
            }
        }
    }

    public static int Execute(SqliteConnection connection, string sql, string deviceId, params (string Name, object Value)[] parameters)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$device", deviceId);
        foreach ((string name, object value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteNonQuery();
    }

    public static long Count(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        foreach ((string name, object value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static List<string> Strings(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        foreach ((string name, object value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var values = new List<string>();
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
