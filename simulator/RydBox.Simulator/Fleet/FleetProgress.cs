namespace RydBox.Simulator.Fleet;

/// <summary>A fleet at one moment, summed over its boxes.</summary>
public sealed record FleetProgress(
    int Vehicles,
    int ScenariosFinished,
    int BoxesDone,
    long SimulatedMilliseconds,
    long SamplesQueued,
    long BatchesQueued,
    long EventsQueued,
    long MessagesWaiting,
    long MessagesDelivered,
    long OutageRefusals);
