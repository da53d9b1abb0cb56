namespace RydBox.Gateway.Events.Logbook;

/// <summary>Why <see cref="TripClassification.Classify"/> refused: the API answers 400, 404 or 409 by it.</summary>
public enum ClassificationRefusal
{
    /// <summary>The purpose is not business or private (400).</summary>
    BadPurpose,

    /// <summary>The note is too long or not text (400).</summary>
    BadNote,

    /// <summary>No trip with that key for the tenant's vehicle (404).</summary>
    UnknownTrip,

    /// <summary>Late data withdrew the trip: it is not in the logbook any more (409).</summary>
    TripWithdrawn,

    /// <summary>The trip is still going on (409): the logbook classifies finished trips.</summary>
    TripOpen,
}

/// <summary>A classification the logbook refuses; the message says why and what to do.</summary>
public sealed class ClassificationRefusedException(ClassificationRefusal refusal, string message) : Exception(message)
{
    public ClassificationRefusal Refusal { get; } = refusal;
}
