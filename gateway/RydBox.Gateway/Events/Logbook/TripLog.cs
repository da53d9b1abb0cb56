using Microsoft.Data.Sqlite;

namespace RydBox.Gateway.Events.Logbook;

/// <summary>
/// The trip_log table (schema migration 5): every version of every trip and every classification,
/// appended, never changed (a trigger refuses UPDATE), chained per device by <see cref="TripLogHash"/>
/// so that a changed or removed row shows in <see cref="Verify"/>. README.md explains what that
/// does and does not prove.
/// </summary>
public static class TripLog
{
    /// <summary>
    /// Appends <paramref name="entry"/> as the device's newest row, chained to the one before it. Call it
    /// inside the transaction that stores the trip version, so the log and vehicle_events never disagree.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown change, a classified row without a known purpose, a purpose on another change, or text that is not valid Unicode.</exception>
    public static void Append(SqliteConnection connection, SqliteTransaction transaction, TripLogEntry entry) =>
        AppendRow(connection, transaction, entry);

    /// <summary><see cref="Append"/>, answering the stored row.</summary>
    internal static TripLogRow AppendRow(SqliteConnection connection, SqliteTransaction transaction, TripLogEntry entry)
    {
        Check(entry);
        string previous = HeadHash(connection, transaction, entry.DeviceId);
        string hash = TripLogHash.Compute(entry, previous);
        using SqliteCommand insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO trip_log (device_id, trip_key, change, purpose, note, body, actor, at_ms, previous_hash, hash)
            VALUES ($device, $trip, $change, $purpose, $note, $body, $actor, $at, $previous, $hash)
            RETURNING id
            """;
        insert.Parameters.AddWithValue("$device", entry.DeviceId);
        insert.Parameters.AddWithValue("$trip", entry.TripKey);
        insert.Parameters.AddWithValue("$change", entry.Change);
        insert.Parameters.AddWithValue("$purpose", (object?)entry.Purpose ?? DBNull.Value);
        insert.Parameters.AddWithValue("$note", (object?)entry.Note ?? DBNull.Value);
        insert.Parameters.AddWithValue("$body", entry.BodyJson);
        insert.Parameters.AddWithValue("$actor", entry.Actor);
        insert.Parameters.AddWithValue("$at", entry.AtUnixMs);
        insert.Parameters.AddWithValue("$previous", previous);
        insert.Parameters.AddWithValue("$hash", hash);
        long id = Convert.ToInt64(insert.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        return new TripLogRow(id, entry.DeviceId, entry.TripKey, entry.Change, entry.Purpose, entry.Note, entry.BodyJson, entry.Actor, entry.AtUnixMs, previous, hash);
    }

    /// <summary>Every row of one trip, oldest first.</summary>
    public static IReadOnlyList<TripLogRow> History(SqliteConnection connection, string deviceId, string tripKey)
    {
        using SqliteCommand select = connection.CreateCommand();
        select.CommandText = $"{SelectRows} WHERE device_id = $device AND trip_key = $trip ORDER BY id";
        select.Parameters.AddWithValue("$device", deviceId);
        select.Parameters.AddWithValue("$trip", tripKey);
        using SqliteDataReader reader = select.ExecuteReader();
        var rows = new List<TripLogRow>();
        while (reader.Read())
        {
            rows.Add(ReadRow(reader));
        }

        return rows;
    }

    /// <summary>The newest classified row of a trip, or null if nobody classified it.</summary>
    public static TripLogRow? LatestClassification(SqliteConnection connection, SqliteTransaction? transaction, string deviceId, string tripKey)
    {
        using SqliteCommand select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = $"{SelectRows} WHERE device_id = $device AND trip_key = $trip AND change = $classified ORDER BY id DESC LIMIT 1";
        select.Parameters.AddWithValue("$device", deviceId);
        select.Parameters.AddWithValue("$trip", tripKey);
        select.Parameters.AddWithValue("$classified", TripLogChanges.Classified);
        using SqliteDataReader reader = select.ExecuteReader();
        return reader.Read() ? ReadRow(reader) : null;
    }

    /// <summary>
    /// Recomputes the device's whole chain, oldest row first, and reports the first row that breaks it:
    /// a row whose content no longer gives its hash (it was changed), or whose previous_hash is not the
    /// hash of the device's row before it (a row before it was removed, or changed and re-hashed).
    /// Rows removed from the newest end leave an intact, shorter chain: only an <paramref name="anchorHash"/>
    /// noted earlier (a head hash) shows them, by not being found.
    /// </summary>
    public static TripLogVerification Verify(SqliteConnection connection, string deviceId, string? anchorHash = null)
    {
        using SqliteCommand select = connection.CreateCommand();
        select.CommandText = $"{SelectRows} WHERE device_id = $device ORDER BY id";
        select.Parameters.AddWithValue("$device", deviceId);
        using SqliteDataReader reader = select.ExecuteReader();

        string expectedPrevious = TripLogHash.Genesis;
        long? previousId = null;
        long rows = 0;
        BrokenTripLogRow? broken = null;
        long? anchorRow = null;
        long? anchorId = null;
        string? anchor = string.IsNullOrWhiteSpace(anchorHash) ? null : anchorHash.Trim().ToLowerInvariant();
        while (reader.Read())
        {
            TripLogRow row = ReadRow(reader);
            rows++;
            if (broken is null)
            {
                broken = Check(row, expectedPrevious, previousId);
            }

            if (anchorRow is null && anchor is not null && row.Hash == anchor)
            {
                anchorRow = rows;
                anchorId = row.Id;
            }

            expectedPrevious = row.Hash;
            previousId = row.Id;
        }

        TripLogAnchor? found = anchor is null ? null : new TripLogAnchor(anchor, anchorRow is not null, anchorRow, anchorId);
        bool valid = broken is null && (found is null || found.Found);
        return new TripLogVerification(deviceId, valid, rows, previousId, expectedPrevious, broken, found);
    }

    private const string SelectRows = "SELECT id, device_id, trip_key, change, purpose, note, body, actor, at_ms, previous_hash, hash FROM trip_log";

    private static BrokenTripLogRow? Check(TripLogRow row, string expectedPrevious, long? previousId)
    {
        if (!string.Equals(row.PreviousHash, expectedPrevious, StringComparison.Ordinal))
        {
            string before = previousId is long id ? $"the device's row before it (id {id}) has hash {expectedPrevious}" : $"it is the device's first row, whose previous hash is {TripLogHash.Genesis[..8]}… (genesis)";
            return new BrokenTripLogRow(row.Id, row.TripKey, TripLogBreaks.PreviousHashMismatch,
                $"row {row.Id} names previous hash {row.PreviousHash} but {before}: a row before it was removed, or changed and re-hashed");
        }

        string computed;
        try
        {
            computed = TripLogHash.Compute(row.Entry, row.PreviousHash);
        }
        catch (ArgumentException)
        {
            computed = "(not computable: a field is not valid Unicode text)";
        }

        return string.Equals(computed, row.Hash, StringComparison.Ordinal)
            ? null
            : new BrokenTripLogRow(row.Id, row.TripKey, TripLogBreaks.HashMismatch,
                $"row {row.Id}'s content gives hash {computed}, not its stored {row.Hash}: the row was changed after it was written");
    }

    private static void Check(TripLogEntry entry)
    {
        if (!TripLogChanges.All.Contains(entry.Change))
        {
            throw new ArgumentException($"'{entry.Change}' is not a trip log change; use one of {string.Join(", ", TripLogChanges.All)}", nameof(entry));
        }

        if (entry.Change == TripLogChanges.Classified ? !TripPurposes.All.Contains(entry.Purpose) : entry.Purpose is not null || entry.Note is not null)
        {
            throw new ArgumentException($"a {entry.Change} row {(entry.Change == TripLogChanges.Classified ? "needs a purpose of " + string.Join(" or ", TripPurposes.All) : "carries no purpose or note")}", nameof(entry));
        }

        if (string.IsNullOrWhiteSpace(entry.DeviceId) || string.IsNullOrWhiteSpace(entry.TripKey) || string.IsNullOrWhiteSpace(entry.Actor))
        {
            throw new ArgumentException("a trip log row needs a device, a trip key and an actor", nameof(entry));
        }
    }

    private static string HeadHash(SqliteConnection connection, SqliteTransaction transaction, string deviceId)
    {
        using SqliteCommand select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT hash FROM trip_log WHERE device_id = $device ORDER BY id DESC LIMIT 1";
        select.Parameters.AddWithValue("$device", deviceId);
        return select.ExecuteScalar() as string ?? TripLogHash.Genesis;
    }

    private static TripLogRow ReadRow(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.GetString(6),
        reader.GetString(7),
        reader.GetInt64(8),
        reader.GetString(9),
        reader.GetString(10));
}
