using System.Text.Json;
using RydBox.Gateway.Events.Detectors;
using RydBox.Gateway.Events.Model;

namespace RydBox.Gateway.Tests.Events.Detectors.SafetyAndHealth;

/// <summary>Runs a detector over hand-built observations, whole or with its state saved and restored as JSON.</summary>
internal static class DetectorHarness
{
    /// <summary>A Monday, 2025-06-02 06:00 UTC: a plain summer weekday (no DST change near).</summary>
    public const long T0 = 1_748_844_000_000;

    public static long Seconds(double s) => (long)(s * 1000);

    public static long Minutes(double m) => (long)(m * 60_000);

    public static List<VehicleEvent> Run<TState>(IEventDetector<TState> detector, IEnumerable<Observation> observations)
        where TState : class => Run(detector, detector.Initial, observations).Events;

    public static (List<VehicleEvent> Events, TState State) Run<TState>(IEventDetector<TState> detector, TState state, IEnumerable<Observation> observations)
        where TState : class
    {
        var events = new List<VehicleEvent>();
        foreach (Observation observation in observations)
        {
            state = detector.Observe(state, observation, events);
        }

        return (events, state);
    }

    /// <summary>
    /// Splits the sequence at every <paramref name="step"/>-th observation, round-trips the state
    /// through JSON (default options) there, and checks the events equal one uninterrupted run's.
    /// </summary>
    public static void AssertRoundTripAnywhere<TState>(IEventDetector<TState> detector, IReadOnlyList<Observation> observations, int step = 1)
        where TState : class
    {
        List<VehicleEvent> whole = Run(detector, observations);
        for (int split = 0; split <= observations.Count; split += step)
        {
            (List<VehicleEvent> first, TState middle) = Run(detector, detector.Initial, observations.Take(split));
            string json = JsonSerializer.Serialize(middle);
            TState restored = JsonSerializer.Deserialize<TState>(json)!;
            JsonSerializer.Serialize(restored).Should().Be(json, "the state must survive JSON unchanged (split at {0})", split);
            (List<VehicleEvent> rest, _) = Run(detector, restored, observations.Skip(split));
            first.Concat(rest).Should().Equal(whole, "a restart from saved state at observation {0} must not change the events", split);
        }
    }
}
