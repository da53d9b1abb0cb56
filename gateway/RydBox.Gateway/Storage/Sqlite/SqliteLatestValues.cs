using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using RydBox.Contract;
using SQLitePCL;

namespace RydBox.Gateway.Storage.Sqlite;

/// <summary>
/// Each signal's latest value per device, the on-board computer's view. Only a newer sample replaces
/// a value, so a backlog replayed late never overwrites the present.
/// <para>
/// Stored as one row per device in latest_signals, every signal's value in one JSON object
/// <c>{"signal id": [time_ms, raw, value], …}</c> (signal ids ascending), so that a batch updates
/// one row per device instead of one per signal (schema 3). The view latest_values shows it as one
/// row per (device, signal), as the table before it did, and takes inserts and deletes (through
/// INSTEAD OF triggers); a delete through the view reports no changed rows, so count with
/// <see cref="Delete"/>.
/// </para>
/// </summary>
public static class SqliteLatestValues
{
    public static void Update(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<IngestedBatch> batches)
    {
        using var updater = new Updater(connection);
        updater.Update(batches.Select(b => (b.DeviceId, (IReadOnlyList<LatestValue>)NewestOf(b.Message))).ToList());
    }

    /// <summary>A device's latest values, by signal id.</summary>
    public static List<LatestValue> Read(SqliteConnection connection, string deviceId)
    {
        using var select = new SqliteStatement(connection, "SELECT signals FROM latest_signals WHERE device_id = ?1");
        select.Bind(1, deviceId);
        var values = new List<LatestValue>();
        if (select.Read())
        {
            Parse(select.Bytes(0), values);
            select.Reset();
        }

        return values;
    }

    /// <summary>
    /// Deletes a device's latest values older than <paramref name="beforeMs"/> (all of them when null),
    /// in the caller's transaction if it has one; returns how many signals' values went.
    /// </summary>
    public static long Delete(SqliteConnection connection, string deviceId, long? beforeMs = null)
    {
        using var count = new SqliteStatement(connection, "SELECT count(*) FROM latest_values WHERE device_id = ?1 AND time_ms < ?2");
        count.Bind(1, deviceId);
        count.Bind(2, beforeMs ?? long.MaxValue);
        long deleted = count.Read() ? count.Int64(0) : 0;
        count.Reset();
        if (deleted > 0)
        {
            using var delete = new SqliteStatement(
                connection,
                beforeMs is null
                    ? "DELETE FROM latest_signals WHERE device_id = ?1"
                    : "DELETE FROM latest_values WHERE device_id = ?1 AND time_ms < ?2");
            delete.Bind(1, deviceId);
            if (beforeMs is long before)
            {
                delete.Bind(2, before);
            }

            delete.Execute();
        }

        return deleted;
    }

    /// <summary>
    /// The newest value of every signal in one batch, in the order the signals first appear from its
    /// last sample back. (The ingest pipeline works this out where it decodes, beside the writer.)
    /// </summary>
    public static LatestValue[] NewestOf(TelemetryMessage message)
    {
        // A batch's samples are in strictly increasing time: a column's last value is its newest, and
        // from the last sample back the signals appear by their last row, then in column order.
        IReadOnlyList<TelemetryColumn> columns = message.Columns;
        var newest = new LatestValue[columns.Count];
        var lastRows = new int[columns.Count];
        for (int c = 0; c < columns.Count; c++)
        {
            TelemetryColumn column = columns[c];
            long raw = column.LastRaw;
            var value = new LatestValue(column.SignalId, message.TimeOf(column.LastRow), raw, column.Info.Scale(raw));

            // Insertion, stable: after every column with the same or a later last row.
            int at = c;
            while (at > 0 && lastRows[at - 1] < column.LastRow)
            {
                newest[at] = newest[at - 1];
                lastRows[at] = lastRows[at - 1];
                at--;
            }

            newest[at] = value;
            lastRows[at] = column.LastRow;
        }

        return newest;
    }

    /// <summary>
    /// Each device's newest value of every signal across its batches (each batch's from
    /// <see cref="NewestOf"/>, in arrival order): the value with the latest time, and of equal times
    /// the first, as the table keeps what it has on a tie.
    /// </summary>
    public static Dictionary<string, List<LatestValue>> Merge(IReadOnlyList<(string DeviceId, IReadOnlyList<LatestValue> Newest)> batches)
    {
        var merged = new Dictionary<string, List<LatestValue>>(batches.Count, StringComparer.Ordinal);
        foreach ((string deviceId, IReadOnlyList<LatestValue> newest) in batches)
        {
            if (!merged.TryGetValue(deviceId, out List<LatestValue>? values))
            {
                merged.Add(deviceId, new List<LatestValue>(newest));
                continue;
            }

            foreach (LatestValue value in newest)
            {
                int at = IndexOf(values, value.SignalId);
                if (at < 0)
                {
                    values.Add(value);
                }
                else if (value.TimeMs > values[at].TimeMs)
                {
                    values[at] = value;
                }
            }
        }

        return merged;
    }

    private static int IndexOf(List<LatestValue> values, int signalId)
    {
        for (int i = 0; i < values.Count; i++)
        {
            if (values[i].SignalId == signalId)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Reads a stored JSON object into <paramref name="values"/> (appended, in the stored order).</summary>
    internal static void Parse(ReadOnlySpan<byte> json, List<LatestValue> values)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read(); // {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!Utf8Parser.TryParse(reader.ValueSpan, out int signalId, out int consumed) || consumed != reader.ValueSpan.Length)
            {
                throw new InvalidDataException($"latest_signals: signal id {Encoding.UTF8.GetString(reader.ValueSpan)} is not a number");
            }

            reader.Read(); // [
            reader.Read();
            long time = reader.GetInt64();
            reader.Read();
            long raw = reader.GetInt64();
            reader.Read();
            double value = reader.GetDouble();
            reader.Read(); // ]
            values.Add(new LatestValue(signalId, time, raw, value));
        }
    }

    /// <summary>Writes values sorted by signal id as the stored JSON object.</summary>
    internal static void Format(List<LatestValue> values, Utf8JsonWriter json)
    {
        Span<byte> name = stackalloc byte[16];
        json.WriteStartObject();
        foreach (LatestValue value in values)
        {
            Utf8Formatter.TryFormat(value.SignalId, name, out int length);
            json.WriteStartArray(name[..length]);
            json.WriteNumberValue(value.TimeMs);
            json.WriteNumberValue(value.Raw);

            // JSON has no NaN or infinity: a scaling that yields no number keeps the raw value.
            json.WriteNumberValue(double.IsFinite(value.Value) ? value.Value : value.Raw);
            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.Flush();
    }

    /// <summary>
    /// The statements prepared once on a connection that stays open (the ingest writer's), for batch
    /// after batch; runs in the connection's open transaction. Per device of the list: takes its
    /// stored values, lets each newer one (<see cref="Merge"/>) replace the stored one of its signal,
    /// and writes the row back. It remembers what it wrote, and reads a device's row only the first
    /// time or after another connection committed anything (PRAGMA data_version, read inside the
    /// write transaction, when no one else can commit): an erasure or retention run elsewhere is
    /// never undone from memory. Like the writer it belongs to, dispose it after a failed transaction.
    /// </summary>
    public sealed class Updater(SqliteConnection connection) : IDisposable
    {
        private readonly SqliteStatement _select = new(connection, "SELECT signals FROM latest_signals WHERE device_id = ?1");
        private readonly SqliteStatement _upsert = new(connection, """
            INSERT INTO latest_signals (device_id, signals) VALUES (?1, ?2)
            ON CONFLICT (device_id) DO UPDATE SET signals = excluded.signals
            """);

        private readonly SqliteStatement _dataVersion = new(connection, "PRAGMA data_version");
        private readonly Dictionary<string, List<LatestValue>> _known = new(StringComparer.Ordinal);
        private readonly ArrayBufferWriter<byte> _buffer = new(1024);
        private long _knownVersion = -1;
        private Utf8JsonWriter? _json;

        /// <param name="batches">Each batch's device and newest values (<see cref="NewestOf"/>), in arrival order.</param>
        public void Update(IReadOnlyList<(string DeviceId, IReadOnlyList<LatestValue> Newest)> batches)
        {
            long version = _dataVersion.Read() ? _dataVersion.Int64(0) : -1;
            _dataVersion.Reset();
            if (version != _knownVersion)
            {
                _known.Clear();
                _knownVersion = version;
            }

            foreach ((string deviceId, List<LatestValue> newest) in Merge(batches))
            {
                if (!_known.TryGetValue(deviceId, out List<LatestValue>? stored))
                {
                    stored = new List<LatestValue>(newest.Count + 4);
                    _select.Bind(1, deviceId);
                    if (_select.Read())
                    {
                        Parse(_select.Bytes(0), stored);
                        _select.Reset();
                    }

                    _known.Add(deviceId, stored);
                }

                bool changed = false;
                foreach (LatestValue value in newest)
                {
                    int at = IndexOf(stored, value.SignalId);
                    if (at < 0)
                    {
                        stored.Add(value);
                        changed = true;
                    }
                    else if (value.TimeMs > stored[at].TimeMs)
                    {
                        stored[at] = value;
                        changed = true;
                    }
                }

                if (!changed)
                {
                    continue;
                }

                stored.Sort((a, b) => a.SignalId.CompareTo(b.SignalId));
                _buffer.ResetWrittenCount();
                if (_json is null)
                {
                    _json = new Utf8JsonWriter(_buffer);
                }
                else
                {
                    _json.Reset(_buffer);
                }

                Format(stored, _json);
                _upsert.Bind(1, deviceId);
                _upsert.BindText(2, _buffer.WrittenSpan);
                _upsert.Execute();
            }
        }

        public void Dispose()
        {
            _json?.Dispose();
            _dataVersion.Dispose();
            _select.Dispose();
            _upsert.Dispose();
        }
    }
}

/// <summary>A signal's newest value in a list of batches: its sample's time, the raw wire integer and the scaled value.</summary>
public readonly record struct LatestValue(int SignalId, long TimeMs, long Raw, double Value);
