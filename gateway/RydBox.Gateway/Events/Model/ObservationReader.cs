using RydBox.Contract;
using RydBox.Firmware.Wire;

namespace RydBox.Gateway.Events.Model;

/// <summary>Turns what the wire carries (telemetry rows, on-box events, statuses) into observations for the detectors.</summary>
public static class ObservationReader
{
    private static readonly int ObdSpeed = SignalIds.ForPid(0x0D, 0);
    private static readonly int Rpm = SignalIds.ForPid(0x0C, 0);
    private static readonly int MassAirFlow = SignalIds.ForPid(0x10, 0);
    private static readonly int FuelLevel = SignalIds.ForPid(0x2F, 0);
    private static readonly int Odometer = SignalIds.ForPid(0xA6, 0);

    /// <summary>One observation per row, in the rows' order.</summary>
    public static IEnumerable<SampleObservation> Samples(IEnumerable<TelemetrySample> rows) => rows.Select(Sample);

    public static SampleObservation Sample(TelemetrySample row)
    {
        double? latitude = null, longitude = null, hdop = null, gnssSpeed = null, obdSpeed = null, rpm = null;
        double? volts = null, maf = null, fuelLevel = null, odometer = null;
        foreach (SignalValue value in row.Values)
        {
            int id = value.SignalId;
            double v = value.Value;
            switch (id)
            {
                case SignalIds.Latitude: latitude = v; break;
                case SignalIds.Longitude: longitude = v; break;
                case SignalIds.Hdop: hdop = v; break;
                case SignalIds.GnssSpeed: gnssSpeed = v; break;
                case SignalIds.SupplyVoltage: volts = v; break;
                default:
                    if (id == ObdSpeed) { obdSpeed = v; }
                    else if (id == Rpm) { rpm = v; }
                    else if (id == MassAirFlow) { maf = v; }
                    else if (id == FuelLevel) { fuelLevel = v; }
                    else if (id == Odometer) { odometer = v; }
                    break;
            }
        }

        Place? position = latitude is double lat && longitude is double lon ? new Place(lat, lon) : null;
        return new SampleObservation(row.UnixMilliseconds, position, hdop, gnssSpeed, obdSpeed, rpm, volts, maf, fuelLevel, odometer);
    }

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
