using System.Collections.Concurrent;
using System.Globalization;
using RydBox.Firmware.Obd.Pids;
using RydBox.Firmware.Wire;

namespace RydBox.Contract;

/// <summary>
/// Names, units and scalings of wire signal ids: the box's own signals in their fixed-point units
/// (<see cref="SignalIds"/>), OBD signals from the same PID table the box decodes with. An id the
/// table does not know is still described (raw value, generated name), never an error, so a newer
/// box can send PIDs an older gateway does not know.
/// </summary>
public static class SignalCatalog
{
    private static readonly ConcurrentDictionary<int, SignalInfo> Cache = new();

    private static readonly Dictionary<int, SignalInfo> BoxSignals = new[]
    {
        Box(SignalIds.Latitude, "latitude", "deg", 1e-7),
        Box(SignalIds.Longitude, "longitude", "deg", 1e-7),
        Box(SignalIds.GnssSpeed, "gnss_speed", "km/h", 0.1),
        Box(SignalIds.Course, "course", "deg", 0.1),
        Box(SignalIds.Altitude, "altitude", "m", 0.1),
        Box(SignalIds.Hdop, "hdop", "", 0.01),
        Box(SignalIds.SatellitesUsed, "satellites_used", "count", 1),
        Box(SignalIds.SupplyVoltage, "supply_voltage", "V", 0.001),
    }.ToDictionary(s => s.Id);

    public static SignalInfo Describe(int signalId) => Cache.GetOrAdd(signalId, Build);

    private static SignalInfo Build(int id)
    {
        if (BoxSignals.TryGetValue(id, out SignalInfo? box))
        {
            return box;
        }

        if (!SignalIds.IsObd(id))
        {
            return new SignalInfo(id, "signal_" + id.ToString(CultureInfo.InvariantCulture), "", false, raw => raw);
        }

        byte pid = SignalIds.PidOf(id);
        int index = SignalIds.SignalIndexOf(id);
        PidSignal[]? signals = PidTable.Find(pid)?.Signals;
        if (signals is null || index >= signals.Length)
        {
            string name = string.Create(CultureInfo.InvariantCulture, $"pid_{pid:x2}_{index}");
            return new SignalInfo(id, name, "", false, raw => raw);
        }

        PidSignal signal = signals[index];
        return new SignalInfo(id, signal.Name, signal.Unit, true, signal.Scale);
    }

    private static SignalInfo Box(int id, string name, string unit, double factor) =>
        new(id, name, unit, true, raw => raw * factor);
}
