using System.Diagnostics;
using System.Globalization;
using RydBox.Contract;
using RydBox.Firmware.Wire;
using RydBox.Gateway.Broker;
using RydBox.Gateway.Hosting;
using RydBox.Gateway.Identity;

namespace RydBox.Gateway.Ingest;

/// <summary>What validation made of a message: something to store, or a dead letter.</summary>
internal abstract record Verdict;

internal sealed record TelemetryVerdict(DeviceIdentity Device, TelemetryMessage Message) : Verdict;

internal sealed record EventVerdict(DeviceIdentity Device, EventMessage Message) : Verdict;

/// <param name="TimeMs">The box's time of the status, or the arrival time for the last will (and for a box clock that is not plausible).</param>
internal sealed record StatusVerdict(DeviceIdentity Device, StatusMessage Message, long TimeMs) : Verdict;

internal sealed record CommandAckVerdict(DeviceIdentity Device, CommandAck Ack) : Verdict;

internal sealed record DeadLetterVerdict(string? DeviceId, string? TenantId, string Reason, string Detail) : Verdict;

/// <summary>
/// Topic, sender, size, decoding and plausibility, in that order; the first rule a message breaks
/// names its dead letter. Never throws for any input.
/// </summary>
internal sealed class MessageValidator(IDeviceDirectory directory, IngestOptions options)
{
    /// <summary>2000-01-01T00:00:00Z: anything earlier comes from a box clock that was never set.</summary>
    public const long EarliestPlausibleMs = 946_684_800_000;

    private const int MaxLatitudeE7 = 900_000_000;
    private const int MaxLongitudeE7 = 1_800_000_000;

    public Verdict Validate(InboundMessage message, DateTimeOffset now)
    {
        DeviceTopic? topic;
        string reason;
        string detail;
        if (message.SenderDeviceId is string sender)
        {
            if (!TopicAcl.MayPublish(sender, message.Topic, out topic, out reason, out detail))
            {
                return DeadLetter(sender, reason, detail);
            }
        }
        else if (!WireTopics.TryParse(message.Topic, out topic, out detail))
        {
            return new DeadLetterVerdict(null, null, DeadLetterReasons.InvalidTopic, detail);
        }
        else if (topic!.Kind == TopicKind.Command)
        {
            return DeadLetter(topic.DeviceId, DeadLetterReasons.InvalidTopic, "the cmd topic carries commands to the box, not messages from it");
        }

        string deviceId = topic!.DeviceId;
        DeviceIdentity? device = directory.Find(deviceId);
        if (device is null)
        {
            return new DeadLetterVerdict(deviceId, null, DeadLetterReasons.UnknownDevice, $"no device {deviceId} is registered");
        }

        if (device.Revoked)
        {
            return new DeadLetterVerdict(deviceId, device.TenantId, DeadLetterReasons.RevokedDevice, $"device {deviceId} is revoked");
        }

        if (message.Payload.Length > options.MaxMessageBytes)
        {
            return Refuse(device, DeadLetterReasons.Oversized, $"payload of {message.Payload.Length} bytes; at most {options.MaxMessageBytes} are accepted");
        }

        try
        {
            return topic.Kind switch
            {
                TopicKind.Telemetry => Check(device, TelemetryDecoder.Decode(message.Payload), now),
                TopicKind.Event => Check(device, EventDecoder.Decode(message.Payload), now),
                TopicKind.Status => Check(device, StatusDecoder.Decode(message.Payload), message.ReceivedAt, now),
                _ => new CommandAckVerdict(device, CommandAckDecoder.Decode(message.Payload)),
            };
        }
        catch (WireFormatException e)
        {
            return Refuse(device, e.Reason.ToString(), e.Message);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Refuse(device, DeadLetterReasons.DecoderFailure, $"{e.GetType().Name}: {e.Message}");
        }

        DeadLetterVerdict DeadLetter(string id, string why, string what) =>
            new(id, directory.Find(id)?.TenantId, why, what);
    }

    private static DeadLetterVerdict Refuse(DeviceIdentity device, string reason, string detail) =>
        new(device.DeviceId, device.TenantId, reason, detail);

    private Verdict Check(DeviceIdentity device, TelemetryMessage batch, DateTimeOffset now)
    {
        if (TimeProblem("sample", batch.TimeOf(0), now) is (string reason, string detail))
        {
            return Refuse(device, reason, detail);
        }

        if (TimeProblem("sample", batch.TimeOf(batch.SampleCount - 1), now) is (string lastReason, string lastDetail))
        {
            return Refuse(device, lastReason, lastDetail);
        }

        // Column by column, without building the samples; the dead letter names the first bad value in sample order.
        IReadOnlyList<TelemetryColumn> columns = batch.Columns;
        for (int c = 0; c < columns.Count; c++)
        {
            TelemetryColumn column = columns[c];
            long limit = PositionLimit(column.SignalId);
            if (limit == 0)
            {
                continue;
            }

            foreach (long raw in column.Raw)
            {
                if (raw > limit || raw < -limit)
                {
                    return ImplausiblePosition(device, batch);
                }
            }
        }

        return new TelemetryVerdict(device, batch);
    }

    private static long PositionLimit(int signalId) => signalId switch
    {
        SignalIds.Latitude => MaxLatitudeE7,
        SignalIds.Longitude => MaxLongitudeE7,
        _ => 0,
    };

    private static DeadLetterVerdict ImplausiblePosition(DeviceIdentity device, TelemetryMessage batch)
    {
        foreach (TelemetrySample sample in batch.Samples)
        {
            foreach (SignalValue value in sample.Values)
            {
                long limit = PositionLimit(value.SignalId);
                if (limit != 0 && (value.Raw > limit || value.Raw < -limit))
                {
                    return Refuse(device, DeadLetterReasons.ImplausibleValue, string.Create(
                        CultureInfo.InvariantCulture,
                        $"{value.Name} {value.Raw / 1e7}° at {sample.Time:O} is beyond ±{limit / 10_000_000}°"));
                }
            }
        }

        throw new UnreachableException("a position beyond its range is in the columns but not in the samples");
    }

    private Verdict Check(DeviceIdentity device, EventMessage e, DateTimeOffset now) =>
        TimeProblem("event", e.UnixMilliseconds, now) is (string reason, string detail)
            ? Refuse(device, reason, detail)
            : new EventVerdict(device, e);

    /// <summary>
    /// A status is the box's state, not a measurement: a clock that is not set yet (no GNSS fix)
    /// must not lose it. Its time falls back to the arrival time, as for the last will.
    /// </summary>
    private Verdict Check(DeviceIdentity device, StatusMessage status, DateTimeOffset receivedAt, DateTimeOffset now)
    {
        long arrival = receivedAt.ToUnixTimeMilliseconds();
        long time = status.UnixMilliseconds is long boxTime && TimeProblem("status", boxTime, now) is null ? boxTime : arrival;
        return new StatusVerdict(device, status, time);
    }

    private (string Reason, string Detail)? TimeProblem(string what, long unixMs, DateTimeOffset now)
    {
        if (unixMs < EarliestPlausibleMs)
        {
            return (DeadLetterReasons.TimeBefore2000, $"{what} time {Format(unixMs)} is before 2000-01-01");
        }

        long latest = (now + options.MaxFutureSkew).ToUnixTimeMilliseconds();
        return unixMs > latest
            ? (DeadLetterReasons.TimeInFuture, $"{what} time {Format(unixMs)} is more than {options.MaxFutureSkew} ahead of the gateway's clock ({now:O})")
            : null;
    }

    private static string Format(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToString("O", CultureInfo.InvariantCulture);
}
