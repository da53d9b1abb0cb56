using RydBox.Firmware.Wire;

namespace RydBox.Benchmarks.Wire;

/// <summary>One sampled second of a drive: its time and the (signal id, raw integer) pairs due then.</summary>
public sealed record DriveSample(long UnixMilliseconds, IReadOnlyList<(int SignalId, long Raw)> Values);

/// <summary>
/// A deterministic, plausible drive for measuring payload sizes: city, stops, a rural road and a
/// motorway stretch, with a consumer GNSS receiver's noise (a correlated position error of well
/// under a metre, speed and course jitter, altitude wander) and ten OBD signals in three polling
/// tiers. Everything comes from one seeded Random, so a seed always gives the same stream.
/// </summary>
public static class DriveStream
{
    public static readonly int[] FastPids = [0x0D, 0x0C, 0x11, 0x04];   // every second
    public static readonly int[] MediumPids = [0x2F, 0x10, 0x0F];       // every 5 s
    public static readonly int[] SlowPids = [0x05, 0x46, 0x42];         // every 30 s

    private const long Start = 1_715_671_800_000; // 2024-05-14 07:30:00 UTC
    private const double MetresPerDegree = 111_320;

    public static List<DriveSample> Generate(int seed, int seconds = 600)
    {
        var random = new Random(seed);
        var samples = new List<DriveSample>(seconds);
        double lat0 = 48.137154, lon0 = 11.576124;
        double north = 0, east = 0, distance = 0;
        double speed = 0; // m/s
        double heading = 72, yawRate = 0, curveLeft = 0;
        double target = 0, targetLeft = 8;
        double errN = 0, errE = 0, errAlt = 0;
        double course = heading, hdop = 0.92, fuel = 61.5, coolant = 38, iat = 24;
        int satellites = 10;

        for (int second = 0; second < seconds; second++)
        {
            // The driver picks a new target speed now and then: stops, city, rural, motorway.
            if ((targetLeft -= 1) <= 0)
            {
                double phase = second / (double)seconds;
                target = phase switch
                {
                    < 0.3 => Pick(random, [0, 30, 45, 50]),
                    < 0.5 => Pick(random, [70, 80, 95]),
                    < 0.8 => Pick(random, [110, 120, 130]),
                    _ => Pick(random, [0, 40, 50]),
                } / 3.6;
                targetLeft = target == 0 ? 15 + random.Next(25) : 20 + random.Next(60);
            }

            double accel = Math.Clamp(0.35 * (target - speed), -2.8, 2.2) + Gaussian(random, 0.08);
            speed = Math.Max(0, speed + accel);
            if (speed < 0.2 && target == 0)
            {
                speed = 0;
                accel = 0;
            }

            // Roads: mostly straight, now and then a bend of 80..600 m radius, tighter in town.
            if ((curveLeft -= 1) <= 0)
            {
                bool bend = random.NextDouble() < 0.35;
                double radius = speed < 14 ? 40 + random.Next(80) : 250 + random.Next(600);
                yawRate = bend ? (random.Next(2) == 0 ? -1 : 1) * 180 / Math.PI / radius : 0;
                curveLeft = 4 + random.Next(bend ? 12 : 30);
            }

            heading = (heading + yawRate * speed + 360) % 360;
            north += speed * Math.Cos(heading * Math.PI / 180);
            east += speed * Math.Sin(heading * Math.PI / 180);
            distance += speed;
            double kmh = speed * 3.6;

            // GNSS: the receiver's filtered position error drifts slowly (σ ≈ 0.7 m).
            errN = 0.9 * errN + Gaussian(random, 0.3);
            errE = 0.9 * errE + Gaussian(random, 0.3);
            errAlt = 0.95 * errAlt + Gaussian(random, 0.15);
            double lat = lat0 + (north + errN) / MetresPerDegree;
            double lon = lon0 + (east + errE) / (MetresPerDegree * Math.Cos(lat0 * Math.PI / 180));
            double gnssKmh = kmh > 0 ? Math.Max(0, kmh + Gaussian(random, 0.15)) : Math.Abs(Gaussian(random, 0.1));
            if (kmh > 5)
            {
                course = (heading + Gaussian(random, 0.4) + 360) % 360; // receivers hold the course when slow
            }

            double altitude = 519 + 14 * Math.Sin(distance / 1500) + 4 * Math.Sin(distance / 420) + errAlt;
            if (random.NextDouble() < 0.1)
            {
                hdop = Math.Clamp(hdop + (random.Next(9) - 4) * 0.01, 0.6, 2.0);
            }

            if (random.NextDouble() < 0.03)
            {
                satellites = Math.Clamp(satellites + (random.Next(2) == 0 ? -1 : 1), 7, 14);
            }

            // Engine: a six-speed gearbox, throttle and load follow the acceleration, fuel cut on overrun.
            double rpmPerKmh = kmh < 15 ? 125 : kmh < 30 ? 70 : kmh < 50 ? 48 : kmh < 70 ? 37 : kmh < 95 ? 30 : 25;
            double rpm = Math.Max(790, kmh * rpmPerKmh) + Gaussian(random, 6);
            double throttle = kmh == 0 ? 14.5 : Math.Clamp(16 + 0.12 * kmh + 22 * accel, 14.5, 95);
            double load = accel < -0.6 ? 2 + random.NextDouble() * 3
                : kmh == 0 ? 22 : Math.Clamp(18 + 0.28 * kmh + 24 * accel, 5, 100);
            throttle += Gaussian(random, 0.3);
            load += Gaussian(random, 0.6);
            fuel -= 0.0021 * (1 + kmh / 80);
            coolant += (90 - coolant) / 180 + Gaussian(random, 0.05);
            iat += (26 + kmh / 40 - iat) / 60 + Gaussian(random, 0.05);
            double maf = rpm / 1000 * load * 0.11 + Gaussian(random, 0.05);

            long time = Start + second * 1000L + random.Next(6); // the sampler's tick, a few ms late
            var values = new List<(int, long)>
            {
                (SignalIds.Latitude, (long)Math.Round(lat * 1e7)),
                (SignalIds.Longitude, (long)Math.Round(lon * 1e7)),
                (SignalIds.GnssSpeed, (long)Math.Round(gnssKmh * 10)),
                (SignalIds.Course, (long)Math.Round(course * 10) % 3600),
                (SignalIds.Altitude, (long)Math.Round(altitude * 10)),
                (SignalIds.Hdop, (long)Math.Round(hdop * 100)),
                (SignalIds.SatellitesUsed, satellites),
                (Obd(0x0D), (long)Math.Round(kmh)),
                (Obd(0x0C), (long)Math.Round(rpm * 4)),
                (Obd(0x11), Percent(throttle)),
                (Obd(0x04), Percent(load)),
            };
            if (second % 5 == 0)
            {
                values.Add((Obd(0x2F), Percent(fuel + Gaussian(random, 0.3))));
                values.Add((Obd(0x10), (long)Math.Round(Math.Max(0, maf) * 100)));
                values.Add((Obd(0x0F), (long)Math.Round(iat) + 40));
            }

            if (second % 30 == 0)
            {
                values.Add((Obd(0x05), (long)Math.Round(coolant) + 40));
                values.Add((Obd(0x46), 17 + 40));
                values.Add((Obd(0x42), (long)Math.Round((14.1 + Gaussian(random, 0.04)) * 1000)));
            }

            samples.Add(new DriveSample(time, values));
        }

        return samples;
    }

    /// <summary>Fills <paramref name="batch"/> with samples [from, from + count).</summary>
    public static void Fill(TelemetryBatch batch, IReadOnlyList<DriveSample> samples, int from, int count)
    {
        batch.Clear();
        for (int i = from; i < from + count && i < samples.Count; i++)
        {
            batch.BeginRow(samples[i].UnixMilliseconds);
            foreach (var (id, raw) in samples[i].Values)
            {
                batch.Set(id, raw);
            }
        }
    }

    private static int Obd(int pid) => SignalIds.ForPid((byte)pid, 0);

    private static long Percent(double percent) => (long)Math.Round(Math.Clamp(percent, 0, 100) * 255 / 100);

    private static double Pick(Random random, double[] options) => options[random.Next(options.Length)];

    private static double Gaussian(Random random, double sigma)
    {
        double u1 = 1 - random.NextDouble();
        double u2 = random.NextDouble();
        return sigma * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
