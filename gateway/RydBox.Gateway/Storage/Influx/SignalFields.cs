using System.Collections.Frozen;
using System.Globalization;
using RydBox.Contract;
using RydBox.Firmware.Wire;

namespace RydBox.Gateway.Storage.Influx;

/// <summary>
/// How samples map onto InfluxDB: measurement <c>telemetry</c>, tags <c>device</c> and
/// <c>tenant</c>, and per signal two fields named after <see cref="SignalInfo.Name"/>: the scaled
/// value as a float (<c>engine_rpm=1234.5</c>, what dashboards plot) and the wire integer
/// (<c>engine_rpm_raw=4938i</c>, exact). Every point also carries the batch's
/// <c>sequence=…i</c>, so a row without signals still exists and each sample says which message
/// brought it. Reads rebuild a <see cref="SignalValue"/> from the raw field through
/// <see cref="SignalCatalog"/>, exactly as decoding the wire bytes does.
/// </summary>
internal static class SignalFields
{
    public const string Measurement = "telemetry";
    public const string DeviceTag = "device";
    public const string TenantTag = "tenant";
    public const string SequenceField = "sequence";
    public const string RawSuffix = "_raw";

    /// <summary>Signal ids the catalog names by table (box signals and every mode 01 slot); others are "signal_N".</summary>
    private const int LastTabledId = SignalIds.FirstObd + 256 * SignalIds.SignalsPerPid - 1;

    private static readonly Lazy<FrozenDictionary<string, int>> IdsByName = new(BuildIdsByName);

    public static string RawField(string signalName) => signalName + RawSuffix;

    /// <summary>The signal a stored field name belongs to: "engine_rpm" → its id; null for names no signal has.</summary>
    public static int? IdOf(string signalName)
    {
        if (IdsByName.Value.TryGetValue(signalName, out int id))
        {
            return id;
        }

        // Ids beyond the table are named "signal_N" by the catalog.
        return signalName.StartsWith("signal_", StringComparison.Ordinal)
            && int.TryParse(signalName.AsSpan("signal_".Length), NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            && n > LastTabledId
            && SignalCatalog.Describe(n).Name == signalName
            ? n
            : null;
    }

    /// <summary>Every name the catalog gives to ids 1 … <see cref="LastTabledId"/>; the first id wins a name (the PID table's names are unique).</summary>
    internal static IReadOnlyDictionary<string, int> TabledNames => IdsByName.Value;

    private static FrozenDictionary<string, int> BuildIdsByName()
    {
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int id = 1; id <= LastTabledId; id++)
        {
            names.TryAdd(SignalCatalog.Describe(id).Name, id);
        }

        return names.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
