using RydBox.Contract;
using RydBox.Firmware.Wire;

namespace RydBox.Gateway.Events.Model;

/// <summary>Turns what the wire carries (telemetry rows, on-box events, statuses) into observations for the detectors.</summary>
public static class ObservationReader
{
    /// <summary>How many signals detectors read (<see cref="FieldOf"/>).</summary>
    private const int Fields = 10;

    private static readonly int ObdSpeed = SignalIds.ForPid(0x0D, 0);
    private static readonly int Rpm = SignalIds.ForPid(0x0C, 0);
    private static readonly int MassAirFlow = SignalIds.ForPid(0x10, 0);
    private static readonly int FuelLevel = SignalIds.ForPid(0x2F, 0);
    private static readonly int Odometer = SignalIds.ForPid(0xA6, 0);

    /// <summary>One observation per row, in the rows' order.</summary>
    public static IEnumerable<SampleObservation> Samples(IEnumerable<TelemetrySample> rows) => rows.Select(Sample);

    /// <summary>
    /// One observation per row of a decoded batch, straight from its columns: what ingest hands on
    /// for every stored batch, so no per-value objects are made on the way.
    /// </summary>
    public static SampleObservation[] Samples(TelemetryMessage batch)
    {
        int rows = batch.SampleCount;
        var fields = new double?[Fields, rows];
        foreach (TelemetryColumn column in batch.Columns)
        {
            int field = FieldOf(column.SignalId);
            if (field < 0)
            {
                continue;
            }

            SignalInfo info = column.Info;
            ReadOnlySpan<long> raw = column.Raw;
            ReadOnlySpan<int> at = column.Rows;
            for (int i = 0; i < raw.Length; i++)
            {
                fields[field, at[i]] = info.Scale(raw[i]);
            }
        }

        var samples = new SampleObservation[rows];
        for (int row = 0; row < rows; row++)
        {
            samples[row] = Observation(
                batch.TimeOf(row),
                fields[0, row], fields[1, row], fields[2, row], fields[3, row], fields[4, row],
                fields[5, row], fields[6, row], fields[7, row], fields[8, row], fields[9, row]);
        }

        return samples;
    }

    public static SampleObservation Sample(TelemetrySample row)
    {
        var fields = new double?[Fields];
        foreach (SignalValue value in row.Values)
        {
            if (FieldOf(value.SignalId) is var field and >= 0)
            {
                fields[field] = value.Value;
            }
        }

        return Observation(row.UnixMilliseconds, fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6], fields[7], fields[8], fields[9]);
    }

    /// <summary>The signals detectors read, in the order <see cref="Observation"/> takes them; -1 for the rest.</summary>
    private static int FieldOf(int signalId) => signalId switch
    {
        SignalIds.Latitude => 0,
        SignalIds.Longitude => 1,
        SignalIds.Hdop => 2,
        SignalIds.GnssSpeed => 3,
        SignalIds.SupplyVoltage => 6,
        _ when signalId == ObdSpeed => 4,
        _ when signalId == Rpm => 5,
        _ when signalId == MassAirFlow => 7,
        _ when signalId == FuelLevel => 8,
        _ when signalId == Odometer => 9,
        _ => -1,
    };

    private static SampleObservation Observation(
        long unixMs, double? latitude, double? longitude, double? hdop, double? gnssSpeed, double? obdSpeed, double? rpm, double? volts, double? maf, double? fuelLevel, double? odometer) =>
        new(unixMs, latitude is double lat && longitude is double lon ? new Place(lat, lon) : null, hdop, gnssSpeed, obdSpeed, rpm, volts, maf, fuelLevel, odometer);

    public static BoxEventObservation Event(EventMessage message) => new(
        message.UnixMilliseconds,
        message.Type,
        message.Position is GeoPoint p ? new Place(p.Latitude, p.Longitude) : null,
        message.Value,
        message.Detail);

    /// <param name="storedTime">The time stored with the status: the box's, or the arrival for the last will.</param>
    public static ConnectionObservation Connection(StatusMessage status, DateTimeOffset storedTime) =>
        new(storedTime.ToUnixTimeMilliseconds(), status.Online);
}
