namespace RydBox.Simulator.Fleet;

/// <summary>A fleet at one moment, summed over its boxes.</summary>
public sealed record FleetProgress(
    int Vehicles,
    int ScenariosFinished,
    long SimulatedMilliseconds,
    long SamplesQueued,
    long EventsQueued,
    long MessagesWaiting,
    long MessagesDelivered);
