using System.Globalization;
using RydBox.Contract;
using RydBox.Firmware.Wire;

namespace RydBox.Gateway.Api;

/// <summary>
/// The `fields` parameter: signal names as <see cref="SignalCatalog"/> gives them (engine_rpm, latitude),
/// the generated names it gives ids it does not know (signal_9, pid_a6_0), or numeric wire ids.
/// </summary>
internal static class SignalNames
{
    private static readonly Lazy<Dictionary<string, SignalInfo>> Known = new(() =>
    {
        var byName = new Dictionary<string, SignalInfo>(StringComparer.OrdinalIgnoreCase);
        int lastObd = SignalIds.FirstObd + (256 * SignalIds.SignalsPerPid) - 1;
        for (int id = 1; id <= lastObd; id++)
        {
            SignalInfo info = SignalCatalog.Describe(id);
            if (info.IsKnown)
            {
                byName.TryAdd(info.Name, info);
            }
        }

        return byName;
    });

    /// <summary>The signals a comma-separated list names, in its order, each once; null when the list is empty.</summary>
    public static IReadOnlyList<SignalInfo>? ParseList(string? fields)
    {
        if (string.IsNullOrWhiteSpace(fields))
        {
            return null;
        }

        var signals = new List<SignalInfo>();
        foreach (string part in fields.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            SignalInfo info = Resolve(part)
                ?? throw new BadParameterException("fields", $"'{part}' is not a signal; use names such as engine_rpm, vehicle_speed, latitude (GET …/latest lists a vehicle's signals) or wire ids");
            if (!signals.Exists(s => s.Id == info.Id))
            {
                signals.Add(info);
            }
        }

        return signals.Count == 0 ? null : signals;
    }

    public static SignalInfo? Resolve(string name)
    {
        if (Known.Value.TryGetValue(name, out SignalInfo? known))
        {
            return known;
        }

        int id = ParseId(name, "") ?? ParseId(name, "signal_") ?? ParsePidName(name) ?? 0;
        return id >= 1 ? SignalCatalog.Describe(id) : null;
    }

    private static int? ParseId(string name, string prefix) =>
        name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
        && int.TryParse(name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int id)
            ? id
            : null;

    /// <summary>pid_xx_n: the catalog's name for signal n of a mode 01 PID it has no row for.</summary>
    private static int? ParsePidName(string name)
    {
        string[] parts = name.Split('_');
        return parts.Length == 3 && parts[0].Equals("pid", StringComparison.OrdinalIgnoreCase)
            && byte.TryParse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out byte pid)
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            && index < SignalIds.SignalsPerPid
                ? SignalIds.ForPid(pid, index)
                : null;
    }
}
