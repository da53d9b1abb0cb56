using System.Text;
using Microsoft.Data.Sqlite;
using RydBox.Contract;
using RydBox.Firmware.Events;
using RydBox.Firmware.Wire;
using RydBox.Gateway.Storage;
using RydBox.Gateway.Storage.Sqlite;

namespace RydBox.Gateway.Api;

/// <summary>
/// What the API reads from the gateway's SQLite file besides telemetry samples: vehicles, latest
/// values, status, events and dead letters. Every vehicle read is scoped by tenant.
/// </summary>
public sealed class FleetReader(GatewayDatabase database)
{
    private const string VehicleSelect = """
        SELECT d.id, d.name, COALESCE(d.vin, s.vin), COALESCE(s.online, 0), s.firmware, d.revoked, s.protocol,
               MAX(COALESCE(s.status_ms, 0),
                   COALESCE((SELECT MAX(l.time_ms) FROM latest_values l WHERE l.device_id = d.id), 0),
                   COALESCE((SELECT MAX(e.time_ms) FROM box_events e WHERE e.device_id = d.id), 0)),
               s.device_id IS NOT NULL OR EXISTS (SELECT 1 FROM latest_values l WHERE l.device_id = d.id)
                   OR EXISTS (SELECT 1 FROM box_events e WHERE e.device_id = d.id)
        FROM devices d LEFT JOIN device_status s ON s.device_id = d.id
        """;

    public IReadOnlyList<VehicleInfo> Vehicles(string tenantId)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand select = connection.CreateCommand();
        select.CommandText = VehicleSelect + " WHERE d.tenant_id = $tenant ORDER BY d.id";
        select.Parameters.AddWithValue("$tenant", tenantId);
        var vehicles = new List<VehicleInfo>();
        using SqliteDataReader reader = select.ExecuteReader();
        while (reader.Read())
        {
            vehicles.Add(ReadVehicle(reader).Info);
        }

        return vehicles;
    }

    /// <summary>The vehicle when it exists and belongs to the tenant; null otherwise (the API answers both with the same 404).</summary>
    public VehicleRecord? Vehicle(string tenantId, string vehicleId)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand select = connection.CreateCommand();
        select.CommandText = VehicleSelect + " WHERE d.tenant_id = $tenant AND d.id = $id";
        select.Parameters.AddWithValue("$tenant", tenantId);
        select.Parameters.AddWithValue("$id", vehicleId);
        using SqliteDataReader reader = select.ExecuteReader();
        return reader.Read() ? ReadVehicle(reader) : null;
    }

    /// <summary>Every signal's latest value, by signal id.</summary>
    public IReadOnlyList<LatestSignal> Latest(string vehicleId)
    {
        using SqliteConnection connection = database.Open();
        var signals = new List<LatestSignal>();
        foreach (LatestValue value in SqliteLatestValues.Read(connection, vehicleId).OrderBy(v => v.SignalId))
        {
            SignalInfo info = SignalCatalog.Describe(value.SignalId);
            signals.Add(new LatestSignal(info.Id, info.Name, info.Unit, value.Value, value.Raw, UnixTime.ToUtc(value.TimeMs)));
        }

        return signals;
    }

    /// <summary>The latest position from the latest latitude and longitude; null without both.</summary>
    public static PositionFix? PositionOf(IReadOnlyList<LatestSignal> latest)
    {
        LatestSignal? latitude = latest.FirstOrDefault(s => s.Id == SignalIds.Latitude);
        LatestSignal? longitude = latest.FirstOrDefault(s => s.Id == SignalIds.Longitude);
        return latitude is null || longitude is null
            ? null
            : new PositionFix(Degrees(latitude.Raw), Degrees(longitude.Raw), latitude.Time < longitude.Time ? latitude.Time : longitude.Time);
    }

    /// <summary>Box events with from ≤ time &lt; to in time order, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<BoxEventView> Events(string vehicleId, TimeRange range, int limit)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand select = connection.CreateCommand();
        select.CommandText = """
            SELECT sequence, type, time_ms, latitude_e7, longitude_e7, value, detail FROM box_events
            WHERE device_id = $id AND time_ms >= $from AND time_ms < $to
            ORDER BY time_ms, sequence LIMIT $limit
            """;
        select.Parameters.AddWithValue("$id", vehicleId);
        select.Parameters.AddWithValue("$from", range.FromMs);
        select.Parameters.AddWithValue("$to", range.ToMs);
        select.Parameters.AddWithValue("$limit", limit);
        var events = new List<BoxEventView>();
        using SqliteDataReader reader = select.ExecuteReader();
        while (reader.Read())
        {
            int type = reader.GetInt32(1);
            GeoPosition? position = reader.IsDBNull(3) || reader.IsDBNull(4) ? null : new GeoPosition(Degrees(reader.GetInt64(3)), Degrees(reader.GetInt64(4)));
            events.Add(new BoxEventView(
                reader.GetInt64(0),
                EventTypeName(type),
                type,
                UnixTime.ToUtc(reader.GetInt64(2)),
                position,
                reader.GetInt64(5),
                reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return events;
    }

    /// <summary>The tenant's dead letters, newest first; <paramref name="beforeId"/> pages back.</summary>
    public IReadOnlyList<DeadLetterView> DeadLetters(string tenantId, int limit, long? beforeId)
    {
        using SqliteConnection connection = database.Open();
        using SqliteCommand select = connection.CreateCommand();
        select.CommandText = """
            SELECT id, received_ms, device_id, topic, reason, detail, payload FROM dead_letters
            WHERE tenant_id = $tenant AND ($before IS NULL OR id < $before)
            ORDER BY id DESC LIMIT $limit
            """;
        select.Parameters.AddWithValue("$tenant", tenantId);
        select.Parameters.AddWithValue("$before", (object?)beforeId ?? DBNull.Value);
        select.Parameters.AddWithValue("$limit", limit);
        var letters = new List<DeadLetterView>();
        using SqliteDataReader reader = select.ExecuteReader();
        while (reader.Read())
        {
            byte[] payload = (byte[])reader[6];
            letters.Add(new DeadLetterView(
                reader.GetInt64(0),
                UnixTime.ToUtc(reader.GetInt64(1)),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                payload.Length,
                payload));
        }

        return letters;
    }

    /// <summary>Null when the database answers with the schema this gateway expects; otherwise what is wrong.</summary>
    public string? DatabaseProblem()
    {
        try
        {
            using SqliteConnection connection = database.Open();
            using SqliteCommand probe = connection.CreateCommand();
            probe.CommandText = "SELECT count(*) FROM sqlite_master; PRAGMA user_version;";
            using SqliteDataReader reader = probe.ExecuteReader();
            reader.Read();
            reader.NextResult();
            reader.Read();
            long version = reader.GetInt64(0);
            return version == Schema.Version ? null : $"schema version {version}, expected {Schema.Version}";
        }
        catch (SqliteException error)
        {
            return error.Message;
        }
    }

    /// <summary>snake_case of the wire code's name (tow_alarm_started); unknown_{code} for codes of a newer box.</summary>
    public static string EventTypeName(int code)
    {
        var type = (BoxEventType)code;
        if (!Enum.IsDefined(type))
        {
            return "unknown_" + code.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        string name = type.ToString();
        var snake = new StringBuilder(name.Length + 4);
        foreach (char c in name)
        {
            if (char.IsUpper(c) && snake.Length > 0)
            {
                snake.Append('_');
            }

            snake.Append(char.ToLowerInvariant(c));
        }

        return snake.ToString();
    }

    /// <summary>Fixed-point degrees × 10^7 to degrees: dividing an integer by 10^7 gives the double nearest the decimal.</summary>
    private static double Degrees(long e7) => e7 / 1e7;

    private static VehicleRecord ReadVehicle(SqliteDataReader reader)
    {
        long lastSeenMs = reader.GetInt64(7);
        bool heardFrom = reader.GetBoolean(8);
        var info = new VehicleInfo(
            reader.GetString(0),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.GetBoolean(3),
            heardFrom ? UnixTime.ToUtc(lastSeenMs) : null,
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.GetBoolean(5));
        return new VehicleRecord(info, reader.IsDBNull(6) ? null : reader.GetString(6));
    }
}

/// <summary>A vehicle as the API shows it, plus what only its detail views carry.</summary>
public sealed record VehicleRecord(VehicleInfo Info, string? Protocol);
