using System.Globalization;
using System.Text;
using RydBox.Contract;

namespace RydBox.Gateway.Storage.Influx;

/// <summary>
/// Writes samples as InfluxDB line protocol (millisecond timestamps), the language of the v1
/// <c>/write</c> endpoint and of the v2 API alike:
/// <code>telemetry,device=box-1,tenant=acme engine_rpm=2003,engine_rpm_raw=8012i,sequence=42i 1715671800000</code>
/// A point is identified by measurement, tag set and time, so writing a sample again overwrites
/// it with the same fields: writes are idempotent by construction.
/// </summary>
internal static class LineProtocol
{
    /// <summary>Earliest and latest millisecond InfluxDB can store (it keeps int64 nanoseconds, less two sentinels).</summary>
    public const long MinMilliseconds = -9_223_372_036_854;
    public const long MaxMilliseconds = 9_223_372_036_854;

    public static bool IsStorable(long unixMilliseconds) => unixMilliseconds is >= MinMilliseconds and <= MaxMilliseconds;

    /// <summary>Appends one line (with its newline) for a sample of <paramref name="deviceId"/>.</summary>
    public static void AppendPoint(StringBuilder line, string deviceId, string tenantId, long sequence, TelemetrySample sample)
    {
        line.Append(SignalFields.Measurement);
        AppendTag(line, SignalFields.DeviceTag, deviceId);
        AppendTag(line, SignalFields.TenantTag, tenantId);
        line.Append(' ');
        foreach (SignalValue value in sample.Values)
        {
            if (double.IsFinite(value.Value))
            {
                AppendKey(line, value.Name);
                line.Append('=').Append(value.Value.ToString("R", CultureInfo.InvariantCulture)).Append(',');
            }

            AppendKey(line, SignalFields.RawField(value.Name));
            line.Append('=').Append(value.Raw.ToString(CultureInfo.InvariantCulture)).Append("i,");
        }

        line.Append(SignalFields.SequenceField).Append('=').Append(sequence.ToString(CultureInfo.InvariantCulture)).Append('i');
        line.Append(' ').Append(sample.UnixMilliseconds.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    /// <summary>
    /// Throws unless <paramref name="value"/> can be a tag value. Commas, equals signs and spaces
    /// are escaped; a backslash or a control character has no unambiguous spelling across InfluxDB
    /// versions (1.x keeps "\\" as two characters, 2.x reads it as one), so such ids are refused.
    /// Device ids are 1–64 of A-Z a-z 0-9 - _ . by the wire contract and always pass.
    /// </summary>
    public static void CheckTagValue(string what, string value)
    {
        foreach (char c in value)
        {
            if (c == '\\' || char.IsControl(c))
            {
                throw new ArgumentException(
                    $"{what} \"{value}\" cannot be stored in InfluxDB: line protocol has no unambiguous way to write a backslash or a control character in a tag");
            }
        }
    }

    private static void AppendTag(StringBuilder line, string key, string value)
    {
        // An empty tag value is not allowed in line protocol: the tag is left out, as InfluxDB.Client does.
        if (value.Length == 0)
        {
            return;
        }

        line.Append(',').Append(key).Append('=');
        AppendKey(line, value);
    }

    /// <summary>Tag keys and values and field keys: comma, equals sign and space take a backslash.</summary>
    private static void AppendKey(StringBuilder line, string text)
    {
        foreach (char c in text)
        {
            if (c is ',' or '=' or ' ')
            {
                line.Append('\\');
            }

            line.Append(c);
        }
    }
}
