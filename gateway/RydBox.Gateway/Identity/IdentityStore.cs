using Microsoft.Data.Sqlite;
using RydBox.Gateway.Storage;

namespace RydBox.Gateway.Identity;

/// <summary>Small SQL helpers the registries share.</summary>
internal static class IdentityStore
{
    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    public static bool Exists(SqliteConnection connection, SqliteTransaction? transaction, string table, string id)
    {
        using SqliteCommand command = Command(connection, transaction, $"SELECT 1 FROM {table} WHERE id = $id", ("$id", id));
        return command.ExecuteScalar() is not null;
    }

    public static void RequireTenant(SqliteConnection connection, SqliteTransaction? transaction, string tenantId)
    {
        if (!Exists(connection, transaction, "tenants", tenantId))
        {
            throw IdentityException.NotFound($"no tenant \"{tenantId}\" (see `tenants list`, or add it with `tenants add`)");
        }
    }

    public static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static DateTimeOffset Time(SqliteDataReader reader, int ordinal) => DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    /// <summary>The data directory of a database: where its side files live.</summary>
    public static string DirectoryOf(GatewayDatabase database) => Path.GetDirectoryName(database.Path)!;
}
