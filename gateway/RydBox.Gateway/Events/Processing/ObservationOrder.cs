using RydBox.Gateway.Events.Model;

namespace RydBox.Gateway.Events.Processing;

/// <summary>
/// The one order detectors see observations in, on time or replayed: by time, and within one
/// millisecond the box's event before the row (an IgnitionOn explains the RPM beside it), then
/// connection changes, ticks last. The sort is stable, so equal ones keep their arrival order.
/// </summary>
public static class ObservationOrder
{
    public static Observation[] Sort(IEnumerable<Observation> observations) =>
        observations.OrderBy(o => o.UnixMilliseconds).ThenBy(Rank).ToArray();

    private static int Rank(Observation observation) => observation switch
    {
        BoxEventObservation => 0,
        SampleObservation => 1,
        ConnectionObservation => 2,
        _ => 3,
    };
}
