using RydBox.Contract;
using RydBox.Firmware.Events;
using RydBox.Firmware.Wire;
using RydBox.Gateway.Tests.Support;

namespace RydBox.Gateway.Tests.Events.Processing;

/// <summary>A drive as a box publishes it: real wire payloads made with the firmware core's encoders.</summary>
internal static class BoxDrive
{
    public const int DriveSeconds = 300;
    public const double SpeedKmh = 54;
    private const int RowsPerBatch = 10;
    private static readonly int EngineRpm = SignalIds.ForPid(0x0C, 0);
    private static readonly int VehicleSpeed = SignalIds.ForPid(0x0D, 0);

    /// <summary>
    /// A box's messages for: ten minutes parked, ignition on, five minutes at a steady speed heading
    /// north, ignition off, fifteen minutes parked: rows in batches of ten, events published at once.
    /// </summary>
    public static List<(TopicKind Kind, byte[] Payload)> Messages(DateTimeOffset start, long firstSequence)
    {
        long sequence = firstSequence;
        long t0 = start.ToUnixTimeMilliseconds();
        var messages = new List<(TopicKind, byte[])>();
        var rows = new List<(long Time, double Latitude, int Rpm, int Speed, int Millivolts)>();
        const double Latitude = 48.1;
        const double Longitude = 11.5;
        double metresPerSecond = SpeedKmh / 3.6;
        for (int s = -600; s < 0; s += 60)
        {
            rows.Add((t0 + (s * 1000L), Latitude, 0, 0, 12_500));
        }

        for (int s = 0; s <= DriveSeconds; s++)
        {
            rows.Add((t0 + (s * 1000L), Latitude + (s * metresPerSecond / 111_195.0), 2_000, (int)SpeedKmh, 14_100));
        }

        double end = Latitude + (DriveSeconds * metresPerSecond / 111_195.0);
        for (int s = DriveSeconds + 60; s <= DriveSeconds + 900; s += 60)
        {
            rows.Add((t0 + (s * 1000L), end, 0, 0, 12_500));
        }

        (long Time, BoxEventType Type)[] events = [(t0, BoxEventType.IgnitionOn), (t0 + (DriveSeconds * 1000L) + 5_000, BoxEventType.IgnitionOff)];
        long previousEnd = long.MinValue;
        for (int first = 0; first < rows.Count; first += RowsPerBatch)
        {
            var batch = new TelemetryBatch(RowsPerBatch, 8);
            foreach ((long time, double latitude, int rpm, int speed, int millivolts) in rows.Skip(first).Take(RowsPerBatch))
            {
                batch.BeginRow(time);
                batch.Set(SignalIds.Latitude, (long)Math.Round(latitude * 1e7));
                batch.Set(SignalIds.Longitude, (long)(Longitude * 1e7));
                batch.Set(SignalIds.Hdop, 90);
                batch.Set(SignalIds.SupplyVoltage, millivolts);
                if (rpm > 0)
                {
                    batch.Set(EngineRpm, rpm * 4);
                    batch.Set(VehicleSpeed, speed);
                }
            }

            // A box publishes an event at once, before the batch that holds its moment.
            long batchEnd = rows[Math.Min(first + RowsPerBatch, rows.Count) - 1].Time;
            foreach ((long time, BoxEventType type) in events.Where(e => e.Time > previousEnd && e.Time <= batchEnd))
            {
                messages.Add((TopicKind.Event, WirePayloads.Event(sequence++, type, DateTimeOffset.FromUnixTimeMilliseconds(time))));
            }

            previousEnd = batchEnd;
            byte[] buffer = new byte[16 * 1024];
            int length = new TelemetryEncoder().Encode(batch, sequence++, buffer);
            messages.Add((TopicKind.Telemetry, buffer[..length]));
        }

        return messages;
    }
}
