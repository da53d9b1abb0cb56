namespace RydBox.Gateway.Events.Delivery;

/// <summary>What happened to an event when it was delivered; spelled in camelCase in JSON ("started", …).</summary>
public enum EventChange
{
    /// <summary>An episode began (its end is still open).</summary>
    Started,

    /// <summary>An open episode changed (a longer path, a higher speed …).</summary>
    Updated,

    /// <summary>An episode ended: the event now has its end.</summary>
    Ended,

    /// <summary>An event without duration (a fence crossed, a DTC set).</summary>
    Instant,
}
