using System.Globalization;
using RydBox.Gateway.Identity;

namespace RydBox.Gateway.Events.Rules;

/// <summary>How people write a curfew's days and times (API bodies, CLI options), both ways.</summary>
public static class CurfewText
{
    private static readonly string[] TimeFormats = ["H':'mm", "H':'mm':'ss"];

    /// <summary>"monday" … "sunday" (any case) or their first three letters.</summary>
    /// <exception cref="IdentityException">Something else, or no day at all (Invalid).</exception>
    public static IReadOnlyList<DayOfWeek> ParseDays(IEnumerable<string?>? days)
    {
        var parsed = new List<DayOfWeek>();
        foreach (string? day in days ?? [])
        {
            string text = day?.Trim().ToLowerInvariant() ?? "";
            DayOfWeek? match = Enum.GetValues<DayOfWeek>()
                .Select(d => (DayOfWeek?)d)
                .FirstOrDefault(d => Name(d!.Value) == text || (text.Length == 3 && Name(d.Value).StartsWith(text, StringComparison.Ordinal)));
            parsed.Add(match ?? throw IdentityException.Invalid($"\"{day}\" is not a day; use monday, tuesday, … sunday (or mon, tue, …)"));
        }

        if (parsed.Count == 0)
        {
            throw IdentityException.Invalid("a curfew needs at least one day (monday … sunday)");
        }

        return [.. parsed.Distinct().Order()];
    }

    /// <summary>A 24-hour local time "22:00" or "22:00:30".</summary>
    /// <exception cref="IdentityException">Anything else (Invalid); <paramref name="what"/> names it ("start", "end").</exception>
    public static TimeOnly ParseTime(string what, string? time)
    {
        if (time is not null && TimeOnly.TryParseExact(time.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out TimeOnly parsed))
        {
            return parsed;
        }

        throw IdentityException.Invalid($"{what} \"{time}\" is not a time of day; use 24-hour HH:mm, e.g. 22:00");
    }

    /// <summary>"monday" … "sunday".</summary>
    public static string Name(DayOfWeek day) => day.ToString().ToLowerInvariant();

    /// <summary>"22:00", with seconds only when it has some.</summary>
    public static string Format(TimeOnly time) =>
        time.ToString(time.Second == 0 ? "HH':'mm" : "HH':'mm':'ss", CultureInfo.InvariantCulture);
}
