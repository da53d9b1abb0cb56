using System.Globalization;

namespace RydBox.Gateway.Events.Detectors.Curfew;

/// <summary>
/// A curfew: on each of <see cref="Days"/>, from <see cref="Start"/> to <see cref="End"/> local
/// time in <see cref="TimeZoneId"/> (an IANA id such as "Europe/Berlin"). An end at or before the
/// start wraps past midnight: the window belongs to the day it starts on, so Friday 22:00–06:00
/// runs into Saturday morning. Wall-clock times follow daylight saving: a start or end the clock
/// skips happens when the clock jumps over it, one it shows twice happens the first time.
/// </summary>
public sealed record CurfewWindow(string Name, IReadOnlyList<DayOfWeek> Days, TimeOnly Start, TimeOnly End, string TimeZoneId)
{
    /// <summary>Throws <see cref="ArgumentException"/> saying what is wrong.</summary>
    public void Validate() => _ = ResolveTimeZone();

    /// <summary>Validates and finds the window's time zone.</summary>
    internal TimeZoneInfo ResolveTimeZone()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new ArgumentException("A curfew window needs a name.");
        }

        if (Days is null || Days.Count == 0)
        {
            throw new ArgumentException($"Curfew window '{Name}' has no days.");
        }

        foreach (DayOfWeek day in Days)
        {
            if (!Enum.IsDefined(day))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Curfew window '{Name}' has an unknown day {(int)day}."));
            }
        }

        if (Start == End)
        {
            throw new ArgumentException($"Curfew window '{Name}' starts and ends at the same time; give it a length.");
        }

        if (string.IsNullOrWhiteSpace(TimeZoneId))
        {
            throw new ArgumentException($"Curfew window '{Name}' needs a time zone id, e.g. \"Europe/Berlin\".");
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ArgumentException($"Curfew window '{Name}': unknown time zone '{TimeZoneId}'.", e);
        }
    }
}
