using RydBox.Firmware.Events;
using RydBox.Gateway.Events.Model;

namespace RydBox.Gateway.Tests.Events.Detectors.Trips;

/// <summary>
/// Builds a realistic observation sequence the way the box samples (60 s parked, 5 s idling, 1 s
/// driving) and keeps the truth (ignition times, distance driven). GNSS positions carry a
/// Gauss-Markov error per axis (σ = HDOP × 3.5 m / √2, correlation 120 s), like the simulator's
/// receiver; OBD speed is whole km/h truncated, the odometer is read every 30 s in 0.1 km steps.
/// Seeded: the same seed gives the same sequence.
/// </summary>
public sealed class DriveScript(Place home, long startUnixMs, int seed = 1)
{
    private const double UereMetres = 3.5;
    private const double CorrelationSeconds = 120;
    private readonly Random _random = new(seed);
    private readonly List<Observation> _observations = [];
    private double _errorEast;
    private double _errorNorth;
    private long? _lastOdometerRow;

    public long Now { get; private set; } = startUnixMs;

    public Place Truth { get; private set; } = home;

    public double Hdop { get; set; } = 1.0;

    /// <summary>False: a box without OBD (no rpm, no OBD speed, no MAF, no odometer).</summary>
    public bool Obd { get; init; } = true;

    public double DrivenMetres { get; private set; }

    public double OdometerKm { get; private set; } = 42_000;

    public double AirGrams { get; private set; }

    public List<long> IgnitionOnTimes { get; } = [];

    public List<long> IgnitionOffTimes { get; } = [];

    public IReadOnlyList<Observation> Observations => [.. _observations.OrderBy(o => o.UnixMilliseconds)];

    public DriveScript Parked(double seconds, double interval = 60)
    {
        long end = Now + (long)(seconds * 1_000);
        while (Now + (long)(interval * 1_000) <= end)
        {
            Advance(interval, 0, 0);
            Row(gnssSpeed: 0.2, volts: 12.6);
        }

        Now = end;
        return this;
    }

    /// <summary>The engine starts now; the box sees the charging voltage after <paramref name="voltageSeenAfter"/> s and says IgnitionOn after <paramref name="ignitionEventAfter"/> s (null: never).</summary>
    public DriveScript EngineOn(double voltageSeenAfter = 30, double? ignitionEventAfter = 32)
    {
        IgnitionOnTimes.Add(Now);
        if (ignitionEventAfter is double late)
        {
            _observations.Add(new BoxEventObservation(Now + (long)(late * 1_000), BoxEventType.IgnitionOn, null, 14_100, "voltage"));
        }

        Advance(voltageSeenAfter, 0, 0);
        Row(gnssSpeed: 0.2, volts: 14.1);
        return this;
    }

    /// <summary>The engine starts now and drives off unseen (the box sleeps in standby); the box says IgnitionOn when it next looks.</summary>
    public DriveScript StartUnseen(double seconds, double speedKmh, double headingDegrees)
    {
        IgnitionOnTimes.Add(Now);
        Drive(seconds, speedKmh, headingDegrees, recorded: false);
        _observations.Add(new BoxEventObservation(Now + 2_000, BoxEventType.IgnitionOn, null, 14_100, "voltage"));
        return this;
    }

    public DriveScript Idle(double seconds, double rpm = 800)
    {
        long end = Now + (long)(seconds * 1_000);
        while (Now + 5_000 <= end)
        {
            Advance(5, 0, 0);
            AirGrams += rpm > 0 ? 2.5 * 5 : 0;
            Row(gnssSpeed: 0.2, volts: rpm > 0 ? 14.1 : 12.5, obdSpeed: 0, rpm: rpm, maf: rpm > 0 ? 2.5 : 0);
        }

        Now = end;
        return this;
    }

    /// <summary>Drives at a constant speed; <paramref name="gnss"/> false is a tunnel (no position), <paramref name="recorded"/> false a data gap.</summary>
    public DriveScript Drive(double seconds, double speedKmh, double headingDegrees, bool gnss = true, bool recorded = true)
    {
        for (int i = 0; i < (int)seconds; i++)
        {
            Advance(1, speedKmh, headingDegrees);
            AirGrams += 12;
            if (!recorded)
            {
                continue;
            }

            bool odometer = _lastOdometerRow is not long last || Now - last >= 30_000;
            if (odometer)
            {
                _lastOdometerRow = Now;
            }

            Row(
                gnssSpeed: gnss ? speedKmh + (_random.NextGaussian() * 0.2) : null,
                volts: 14.2,
                obdSpeed: Math.Floor(speedKmh),
                rpm: 2_000,
                maf: 12,
                odometer: odometer ? Math.Floor(OdometerKm * 10) / 10 : null,
                position: gnss);
        }

        return this;
    }

    /// <summary>The engine stops now; the box says IgnitionOff after <paramref name="ignitionEventAfter"/> s (null: never).</summary>
    public DriveScript EngineOff(double? ignitionEventAfter = 10)
    {
        IgnitionOffTimes.Add(Now);
        if (ignitionEventAfter is double late)
        {
            _observations.Add(new BoxEventObservation(Now + (long)(late * 1_000), BoxEventType.IgnitionOff, null, 12_500, "obd silent"));
        }

        return this;
    }

    /// <summary>Carried with the ignition off (a tow truck): GNSS and voltage rows every <paramref name="interval"/> s.</summary>
    public DriveScript Towed(double seconds, double speedKmh, double headingDegrees, double interval = 60)
    {
        long end = Now + (long)(seconds * 1_000);
        while (Now + (long)(interval * 1_000) <= end)
        {
            Advance(interval, speedKmh, headingDegrees);
            Row(gnssSpeed: speedKmh + (_random.NextGaussian() * 0.2), volts: 12.6);
        }

        Now = end;
        return this;
    }

    /// <summary>Adds an observation (a box event, a tick) at its own time.</summary>
    public DriveScript Add(Observation observation)
    {
        _observations.Add(observation);
        return this;
    }

    public DriveScript Tick(double afterSeconds)
    {
        _observations.Add(new ClockTick(Now + (long)(afterSeconds * 1_000)));
        return this;
    }

    private void Advance(double seconds, double speedKmh, double headingDegrees)
    {
        double metres = speedKmh / 3.6 * seconds;
        double heading = double.DegreesToRadians(headingDegrees);
        Truth = Geo.Offset(Truth, metres * Math.Sin(heading), metres * Math.Cos(heading));
        DrivenMetres += metres;
        OdometerKm += metres / 1_000;
        Now += (long)(seconds * 1_000);

        // First-order Gauss-Markov: stationary σ, correlation time 120 s.
        double sigma = Hdop * UereMetres / Math.Sqrt(2);
        double phi = Math.Exp(-seconds / CorrelationSeconds);
        double kick = sigma * Math.Sqrt(1 - (phi * phi));
        _errorEast = (phi * _errorEast) + (kick * _random.NextGaussian());
        _errorNorth = (phi * _errorNorth) + (kick * _random.NextGaussian());
    }

    private void Row(double? gnssSpeed, double? volts, double? obdSpeed = null, double? rpm = null, double? maf = null, double? odometer = null, bool position = true)
    {
        _observations.Add(new SampleObservation(
            Now,
            position ? Geo.Offset(Truth, _errorEast, _errorNorth) : null,
            position ? Hdop : null,
            gnssSpeed,
            Obd ? obdSpeed : null,
            Obd ? rpm : null,
            volts,
            Obd ? maf : null,
            null,
            Obd ? odometer : null));
    }
}
