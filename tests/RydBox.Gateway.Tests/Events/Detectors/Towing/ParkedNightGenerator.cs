using RydBox.Firmware.Events;
using RydBox.Gateway.Events.Model;
using RydBox.Gateway.Tests.Events.Detectors.Trips;

namespace RydBox.Gateway.Tests.Events.Detectors.Towing;

/// <summary>
/// Seeded parked vehicle-nights with realistic (somewhat pessimistic) GNSS drift, for the
/// false-alarm tests. One night: the box's IgnitionOff, then a row every 60 s for 10 minutes and
/// every 5 minutes in standby, for 10–14 hours. Each row has supply voltage 12.4–12.7 V, a GNSS
/// speed of Doppler noise (|N(0, 0.05 × HDOP m/s)| per axis, well under 1 km/h), an HDOP wandering
/// in 0.8–2.5 and a position whose error is:
/// <list type="bullet">
/// <item>a first-order Gauss-Markov process per axis, σ = HDOP × 3.5 m / √2, correlation 120 s
/// (the simulator's receiver model: a few metres of wander);</item>
/// <item>plus a true random walk of the mean, 0.3 m per row per axis (a few metres over a night);</item>
/// <item>plus multipath: a row jumps 20–60 m in a random direction with probability
/// <see cref="JumpProbability"/> (2 %, several per night — more than the simulator's 2 per hour of
/// 2–8 s produce at these sampling rates), and one jump in ten lasts two rows, and then a
/// GNSS speed of up to 3 km/h.</item>
/// </list>
/// </summary>
public static class ParkedNightGenerator
{
    public const double JumpProbability = 0.02;
    public const double TwoRowJumpShare = 0.1;
    private const double UereMetres = 3.5;
    private const double CorrelationSeconds = 120;

    /// <param name="withIgnitionData">False: no IgnitionOff event (a box without ignition data; the trip detector then watches movement).</param>
    public static List<Observation> Night(int seed, long startUnixMs, bool withIgnitionData = true)
    {
        var random = new Random(seed);
        var home = new Place(47 + random.NextDouble(), 8 + random.NextDouble());
        var observations = new List<Observation>();
        if (withIgnitionData)
        {
            observations.Add(new BoxEventObservation(startUnixMs, BoxEventType.IgnitionOff, null, 12_600, "obd silent"));
        }

        long end = startUnixMs + (long)((10 + (4 * random.NextDouble())) * 3_600_000);
        double hdop = 0.8 + (1.7 * random.NextDouble());
        double sigma = hdop * UereMetres / Math.Sqrt(2);
        double east = sigma * random.NextGaussian(), north = sigma * random.NextGaussian();
        double walkEast = 0, walkNorth = 0;
        int jumpRowsLeft = 0;
        double jumpEast = 0, jumpNorth = 0;
        long t = startUnixMs;
        while (true)
        {
            double step = t - startUnixMs < 600_000 ? 60 : 300;
            t += (long)(step * 1_000);
            if (t > end)
            {
                break;
            }

            hdop = Math.Clamp(hdop + (0.1 * random.NextGaussian()), 0.8, 2.5);
            sigma = hdop * UereMetres / Math.Sqrt(2);
            double phi = Math.Exp(-step / CorrelationSeconds);
            double kick = sigma * Math.Sqrt(1 - (phi * phi));
            east = (phi * east) + (kick * random.NextGaussian());
            north = (phi * north) + (kick * random.NextGaussian());
            walkEast += 0.3 * random.NextGaussian();
            walkNorth += 0.3 * random.NextGaussian();

            if (jumpRowsLeft > 0)
            {
                jumpRowsLeft--;
            }
            else if (random.NextDouble() < JumpProbability)
            {
                double metres = 20 + (40 * random.NextDouble());
                double angle = 2 * Math.PI * random.NextDouble();
                (jumpEast, jumpNorth) = (metres * Math.Sin(angle), metres * Math.Cos(angle));
                jumpRowsLeft = random.NextDouble() < TwoRowJumpShare ? 2 : 1;
            }
            else
            {
                (jumpEast, jumpNorth) = (0, 0);
            }

            bool jumping = jumpRowsLeft > 0;
            double doppler = 0.05 * hdop;
            double speed = Math.Sqrt(Math.Pow(doppler * random.NextGaussian(), 2) + Math.Pow(doppler * random.NextGaussian(), 2)) * 3.6;
            observations.Add(new SampleObservation(
                t,
                Geo.Offset(home, east + walkEast + (jumping ? jumpEast : 0), north + walkNorth + (jumping ? jumpNorth : 0)),
                Math.Round(hdop, 2),
                jumping ? 3 * random.NextDouble() : speed,
                SupplyVolts: 12.4 + (0.3 * random.NextDouble())));
        }

        return observations;
    }
}
