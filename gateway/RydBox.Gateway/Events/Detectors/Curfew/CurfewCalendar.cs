namespace RydBox.Gateway.Events.Detectors.Curfew;

/// <summary>Turns a window's wall-clock times into the instants of its occurrences.</summary>
internal static class CurfewCalendar
{
    /// <summary>
    /// The occurrence of <paramref name="window"/> containing <paramref name="unixMs"/> (start
    /// inclusive, end exclusive), or null. Only occurrences starting on the local day of the instant
    /// or the day before can contain it, as a window is shorter than a day.
    /// </summary>
    public static (long StartUnixMs, long EndUnixMs)? OccurrenceAt(CurfewWindow window, TimeZoneInfo zone, long unixMs)
    {
        DateTime local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UnixEpoch.AddMilliseconds(unixMs), zone);
        DateOnly today = DateOnly.FromDateTime(local);
        for (int back = 1; back >= 0; back--)
        {
            DateOnly day = today.AddDays(-back);
            if (!window.Days.Contains(day.DayOfWeek))
            {
                continue;
            }

            long start = EarliestInstant(day.ToDateTime(window.Start), zone);
            long end = EarliestInstant((window.End > window.Start ? day : day.AddDays(1)).ToDateTime(window.End), zone);
            if (start <= unixMs && unixMs < end)
            {
                return (start, end);
            }
        }

        return null;
    }

    /// <summary>
    /// The first instant the zone's clock shows <paramref name="local"/> or later: for a time the clock
    /// shows twice (autumn) the first, for one it skips (spring) the moment it jumps.
    /// </summary>
    internal static long EarliestInstant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        long asIfUtc = (local.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;
        if (zone.IsAmbiguousTime(local))
        {
            TimeSpan largest = zone.GetAmbiguousTimeOffsets(local).Max();
            return asIfUtc - (long)largest.TotalMilliseconds;
        }

        if (!zone.IsInvalidTime(local))
        {
            return asIfUtc - (long)zone.GetUtcOffset(local).TotalMilliseconds;
        }

        // Skipped: find the jump. Local time rises with UTC here (no other transition within hours),
        // so bisect for the first millisecond whose local time is at or past the wanted one.
        long low = asIfUtc - (long)TimeSpan.FromHours(15).TotalMilliseconds;
        long high = asIfUtc + (long)TimeSpan.FromHours(15).TotalMilliseconds;
        while (low < high)
        {
            long middle = low + ((high - low) / 2);
            if (LocalOf(middle, zone) >= local)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    private static DateTime LocalOf(long unixMs, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.UnixEpoch.AddMilliseconds(unixMs), zone);
}
