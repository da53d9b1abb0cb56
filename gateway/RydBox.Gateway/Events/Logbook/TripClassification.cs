using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using RydBox.Gateway.Events.Model;
using RydBox.Gateway.Storage;

namespace RydBox.Gateway.Events.Logbook;

/// <summary>
/// Marks a finished trip business or private with an optional note, as a new
/// <see cref="TripLogChanges.Classified"/> row of the trip log (whose body is the trip as stored at
/// that moment). Nothing is overwritten: a reclassification is another row, the newest one counts.
/// </summary>
public sealed class TripClassification(GatewayDatabase database, TimeProvider? timeProvider = null)
{
    /// <summary>Longest note, in Unicode characters (a short reason, like a paper logbook's column).</summary>
    public const int MaxNoteLength = 500;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>
    /// Classifies the trip <paramref name="tripKey"/> ("trip:{start ms}") of the tenant's vehicle. The same
    /// purpose and note as the trip's current classification append nothing (a repeated PUT is harmless).
    /// Answers the classification now in force.
    /// </summary>
    /// <param name="purpose">business or private (any case, surrounding spaces ignored).</param>
    /// <param name="note">Free text up to <see cref="MaxNoteLength"/> characters; blank means none.</param>
    /// <param name="actor">Who classified: stored in the row and covered by its hash.</param>
    /// <exception cref="ClassificationRefusedException">A bad purpose or note, an unknown, withdrawn or open trip.</exception>
    public TripLogRow Classify(string tenantId, string deviceId, string tripKey, string purpose, string? note, string actor)
    {
        string checkedPurpose = CheckPurpose(purpose);
        string? checkedNote = CheckNote(note);

        using SqliteConnection connection = database.Open();
        // Immediate (the default): the trip's state read here is still the state when the row lands.
        using SqliteTransaction transaction = connection.BeginTransaction();
        (string body, bool withdrawn, bool open) = ReadTrip(connection, transaction, tenantId, deviceId, tripKey)
            ?? throw new ClassificationRefusedException(ClassificationRefusal.UnknownTrip, $"no trip '{tripKey}' in the logbook of vehicle '{deviceId}'");
        if (withdrawn)
        {
            throw new ClassificationRefusedException(ClassificationRefusal.TripWithdrawn, $"trip '{tripKey}' was withdrawn: late data re-derived the vehicle's trips without it (it became part of another trip); classify the trip that replaced it");
        }

        if (open)
        {
            throw new ClassificationRefusedException(ClassificationRefusal.TripOpen, $"trip '{tripKey}' is still going on; classify it once it has ended");
        }

        if (TripLog.LatestClassification(connection, transaction, deviceId, tripKey) is { } current
            && current.Purpose == checkedPurpose && current.Note == checkedNote)
        {
            return current;
        }

        TripLogRow row = TripLog.AppendRow(connection, transaction, new TripLogEntry(
            deviceId, tripKey, TripLogChanges.Classified, checkedPurpose, checkedNote, body, actor, _time.GetUtcNow().ToUnixTimeMilliseconds()));
        transaction.Commit();
        return row;
    }

    /// <summary>business or private, lower case.</summary>
    /// <exception cref="ClassificationRefusedException">Anything else.</exception>
    public static string CheckPurpose(string? purpose)
    {
        string normalized = (purpose ?? "").Trim().ToLowerInvariant();
        return TripPurposes.All.Contains(normalized)
            ? normalized
            : throw new ClassificationRefusedException(ClassificationRefusal.BadPurpose, $"'{purpose}' is not a purpose; use {string.Join(" or ", TripPurposes.All)}");
    }

    /// <summary>The note trimmed (null when blank).</summary>
    /// <exception cref="ClassificationRefusedException">Longer than <see cref="MaxNoteLength"/> characters, or control characters other than tab and line breaks.</exception>
    public static string? CheckNote(string? note)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            return null;
        }

        string trimmed = note.Trim();
        try
        {
            StrictUtf8.GetByteCount(trimmed);
        }
        catch (EncoderFallbackException)
        {
            // A lone surrogate: SQLite would store it as U+FFFD, a different text than the one hashed.
            throw new ClassificationRefusedException(ClassificationRefusal.BadNote, "the note is not valid Unicode text");
        }

        int length = trimmed.EnumerateRunes().Count();
        if (length > MaxNoteLength)
        {
            throw new ClassificationRefusedException(ClassificationRefusal.BadNote, string.Create(CultureInfo.InvariantCulture, $"the note has {length} characters, more than the {MaxNoteLength} a logbook note may have"));
        }

        if (trimmed.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')))
        {
            throw new ClassificationRefusedException(ClassificationRefusal.BadNote, "the note holds control characters; only text, tabs and line breaks are kept");
        }

        return trimmed;
    }

    private static (string Body, bool Withdrawn, bool Open)? ReadTrip(SqliteConnection connection, SqliteTransaction transaction, string tenantId, string deviceId, string tripKey)
    {
        using SqliteCommand select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = """
            SELECT body, withdrawn_ms IS NOT NULL, end_ms IS NULL FROM vehicle_events
            WHERE tenant_id = $tenant AND device_id = $device AND event_key = $key AND kind = $kind
            """;
        select.Parameters.AddWithValue("$tenant", tenantId);
        select.Parameters.AddWithValue("$device", deviceId);
        select.Parameters.AddWithValue("$key", tripKey);
        select.Parameters.AddWithValue("$kind", EventKinds.Trip);
        using SqliteDataReader reader = select.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2)) : null;
    }
}
