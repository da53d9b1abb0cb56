using InfluxDB.Client.Api.Domain;
using InfluxDB.Client.Writes;
using RydBox.Contract;

namespace RydBox.Gateway.Storage.Influx;

/// <summary>
/// The same points as <see cref="LineProtocol"/>, built as InfluxDB.Client <see cref="PointData"/>
/// for the v2 write API: same measurement, tags, fields, types and millisecond timestamps.
/// </summary>
internal static class V2Points
{
    public static PointData Of(string deviceId, string tenantId, long sequence, TelemetrySample sample)
    {
        PointData point = PointData.Measurement(SignalFields.Measurement)
            .Tag(SignalFields.DeviceTag, deviceId)
            .Tag(SignalFields.TenantTag, tenantId);
        foreach (SignalValue value in sample.Values)
        {
            if (double.IsFinite(value.Value))
            {
                point = point.Field(value.Name, value.Value);
            }

            point = point.Field(SignalFields.RawField(value.Name), value.Raw);
        }

        return point.Field(SignalFields.SequenceField, sequence).Timestamp(sample.UnixMilliseconds, WritePrecision.Ms);
    }
}
