namespace RydBox.Contract;

/// <summary>A decoded telemetry batch: samples in time order.</summary>
public sealed record TelemetryMessage(int Version, long Sequence, IReadOnlyList<TelemetrySample> Samples);

/// <summary>One row of a batch: a time and the signals the box had for it.</summary>
public sealed record TelemetrySample(long UnixMilliseconds, IReadOnlyList<SignalValue> Values)
{
    public DateTimeOffset Time => DateTimeOffset.FromUnixTimeMilliseconds(UnixMilliseconds);

    /// <summary>The value of <paramref name="signalId"/> in this sample, or null.</summary>
    public SignalValue? Find(int signalId) => Values.FirstOrDefault(v => v.SignalId == signalId);
}

/// <summary>One value: the raw wire integer and, through <see cref="SignalCatalog"/>, its name, unit and scaled value.</summary>
public sealed record SignalValue(int SignalId, string Name, string Unit, long Raw, double Value);
