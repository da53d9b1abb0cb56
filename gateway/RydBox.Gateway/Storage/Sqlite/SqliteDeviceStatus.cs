using System.Globalization;
using Microsoft.Data.Sqlite;
using RydBox.Contract;

namespace RydBox.Gateway.Storage.Sqlite;

/// <summary>
/// The latest status of each device (device_status), and the VIN it reports (devices.vin). The
/// status topic is "latest wins": a status replaces the stored one in the order the gateway
/// receives them. The offline text carries nothing but "offline", so firmware, VIN, protocol and
/// PIDs stay as the last online status said.
/// </summary>
public static class SqliteDeviceStatus
{
    public static void Write(SqliteConnection connection, SqliteTransaction transaction, string deviceId, StatusMessage status, long statusMs)
    {
        using SqliteCommand upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = """
            INSERT INTO device_status (device_id, online, firmware, vin, protocol, supported_pids, status_ms)
            VALUES ($device, $online, $firmware, $vin, $protocol, $pids, $time)
            ON CONFLICT (device_id) DO UPDATE SET
                online = excluded.online,
                firmware = coalesce(excluded.firmware, device_status.firmware),
                vin = coalesce(excluded.vin, device_status.vin),
                protocol = coalesce(excluded.protocol, device_status.protocol),
                supported_pids = coalesce(excluded.supported_pids, device_status.supported_pids),
                status_ms = excluded.status_ms
            """;
        upsert.Parameters.AddWithValue("$device", deviceId);
        upsert.Parameters.AddWithValue("$online", status.Online ? 1 : 0);
        upsert.Parameters.AddWithValue("$firmware", NullIfEmpty(status.FirmwareVersion));
        upsert.Parameters.AddWithValue("$vin", NullIfEmpty(status.Vin));
        upsert.Parameters.AddWithValue("$protocol", NullIfEmpty(status.Protocol));
        upsert.Parameters.AddWithValue("$pids", status.SupportedPids.Count == 0
            ? DBNull.Value
            : string.Join(',', status.SupportedPids.Select(p => p.ToString("X2", CultureInfo.InvariantCulture))));
        upsert.Parameters.AddWithValue("$time", statusMs);
        upsert.ExecuteNonQuery();

        if (!string.IsNullOrEmpty(status.Vin))
        {
            using SqliteCommand vin = connection.CreateCommand();
            vin.Transaction = transaction;
            vin.CommandText = "UPDATE devices SET vin = $vin WHERE id = $device AND vin IS NOT $vin";
            vin.Parameters.AddWithValue("$device", deviceId);
            vin.Parameters.AddWithValue("$vin", status.Vin);
            vin.ExecuteNonQuery();
        }
    }

    private static object NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? DBNull.Value : text;
}
