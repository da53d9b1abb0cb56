namespace RydBox.Gateway.Events.Logbook;

/// <summary>What a row of the trip log records (its <c>change</c> column).</summary>
public static class TripLogChanges
{
    /// <summary>The trip's first stored version (the event processor found it).</summary>
    public const string Detected = "detected";

    /// <summary>A later version of the same trip: it ended, went on, or late data extended or merged it.</summary>
    public const string Updated = "updated";

    /// <summary>Late data re-derived the device's trips without this one (e.g. two trips became one).</summary>
    public const string Withdrawn = "withdrawn";

    /// <summary>A person marked the trip business or private, with an optional note.</summary>
    public const string Classified = "classified";

    public static IReadOnlyList<string> All { get; } = [Detected, Updated, Withdrawn, Classified];
}

/// <summary>What a trip was for (a <see cref="TripLogChanges.Classified"/> row's <c>purpose</c>).</summary>
public static class TripPurposes
{
    public const string Business = "business";
    public const string Private = "private";

    public static IReadOnlyList<string> All { get; } = [Business, Private];
}
