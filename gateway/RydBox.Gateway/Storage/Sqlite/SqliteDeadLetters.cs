using Microsoft.Data.Sqlite;

namespace RydBox.Gateway.Storage.Sqlite;

/// <summary>A message the gateway refused, as it arrived, with why.</summary>
public sealed record DeadLetter(long ReceivedMs, string? DeviceId, string? TenantId, string Topic, string Reason, string Detail, ReadOnlyMemory<byte> Payload);

/// <summary>Refused messages (dead_letters), bounded: beyond a limit the oldest go.</summary>
public static class SqliteDeadLetters
{
    public static void Write(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<DeadLetter> letters)
    {
        if (letters.Count == 0)
        {
            return;
        }

        using SqliteCommand insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO dead_letters (received_ms, device_id, tenant_id, topic, reason, detail, payload)
            VALUES ($received, $device, $tenant, $topic, $reason, $detail, $payload)
            """;
        SqliteParameter received = insert.Parameters.Add("$received", SqliteType.Integer);
        SqliteParameter device = insert.Parameters.Add("$device", SqliteType.Text);
        SqliteParameter tenant = insert.Parameters.Add("$tenant", SqliteType.Text);
        SqliteParameter topic = insert.Parameters.Add("$topic", SqliteType.Text);
        SqliteParameter reason = insert.Parameters.Add("$reason", SqliteType.Text);
        SqliteParameter detail = insert.Parameters.Add("$detail", SqliteType.Text);
        SqliteParameter payload = insert.Parameters.Add("$payload", SqliteType.Blob);
        insert.Prepare();
        foreach (DeadLetter letter in letters)
        {
            received.Value = letter.ReceivedMs;
            device.Value = (object?)letter.DeviceId ?? DBNull.Value;
            tenant.Value = (object?)letter.TenantId ?? DBNull.Value;
            topic.Value = letter.Topic;
            reason.Value = letter.Reason;
            detail.Value = letter.Detail;
            payload.Value = letter.Payload.ToArray();
            insert.ExecuteNonQuery();
        }
    }

    /// <summary>Deletes all but the newest <paramref name="keep"/> dead letters.</summary>
    public static void Trim(SqliteConnection connection, SqliteTransaction transaction, int keep)
    {
        using SqliteCommand trim = connection.CreateCommand();
        trim.Transaction = transaction;
        trim.CommandText = """
            DELETE FROM dead_letters
            WHERE id <= coalesce((SELECT id FROM dead_letters ORDER BY id DESC LIMIT 1 OFFSET $keep), -1)
            """;
        trim.Parameters.AddWithValue("$keep", Math.Max(0, keep));
        trim.ExecuteNonQuery();
    }
}
