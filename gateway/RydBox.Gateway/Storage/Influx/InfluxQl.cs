using System.Globalization;
using System.Text;

namespace RydBox.Gateway.Storage.Influx;

/// <summary>The InfluxQL statements the store sends, with literals quoted the way the InfluxQL scanner reads them.</summary>
internal static class InfluxQl
{
    /// <summary>A device's samples with first ≤ time ≤ last (milliseconds, already inside InfluxDB's range).</summary>
    public static string SelectRange(string deviceId, long firstMs, long lastMs) =>
        $"SELECT * FROM {SignalFields.Measurement} WHERE {SignalFields.DeviceTag} = {String(deviceId)} AND time >= {Ms(firstMs)} AND time <= {Ms(lastMs)}";

    /// <summary>Drops the device's series: its points and its id in the index (InfluxDB 1.x).</summary>
    public static string DropDevice(string deviceId) =>
        $"DROP SERIES FROM {SignalFields.Measurement} WHERE {SignalFields.DeviceTag} = {String(deviceId)}";

    public static string DeleteBefore(string deviceId, long cutoffMs) =>
        $"DELETE FROM {SignalFields.Measurement} WHERE {SignalFields.DeviceTag} = {String(deviceId)} AND time < {Ms(cutoffMs)}";

    public static string CreateDatabase(string database) => $"CREATE DATABASE {Identifier(database)}";

    /// <summary>'…' with backslash and single quote escaped; newlines are refused by the caller's tag check.</summary>
    public static string String(string value)
    {
        var quoted = new StringBuilder(value.Length + 2).Append('\'');
        foreach (char c in value)
        {
            if (c is '\\' or '\'')
            {
                quoted.Append('\\');
            }

            quoted.Append(c);
        }

        return quoted.Append('\'').ToString();
    }

    /// <summary>"…" with backslash and double quote escaped.</summary>
    public static string Identifier(string name)
    {
        var quoted = new StringBuilder(name.Length + 2).Append('"');
        foreach (char c in name)
        {
            if (c is '\\' or '"')
            {
                quoted.Append('\\');
            }

            quoted.Append(c);
        }

        return quoted.Append('"').ToString();
    }

    private static string Ms(long ms) => ms.ToString(CultureInfo.InvariantCulture) + "ms";
}
