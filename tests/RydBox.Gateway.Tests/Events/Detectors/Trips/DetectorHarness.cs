using System.Text.Json;
using RydBox.Gateway.Events.Detectors;
using RydBox.Gateway.Events.Model;

namespace RydBox.Gateway.Tests.Events.Detectors.Trips;

/// <summary>Runs a detector over a sequence, optionally persisting its state through JSON midway.</summary>
public static class DetectorHarness
{
    /// <summary>What a run emitted, each with the time of the observation that emitted it.</summary>
    public sealed record Emission(long ObservedAtUnixMs, VehicleEvent Event);

    public static List<Emission> Run<TState>(IEventDetector<TState> detector, IEnumerable<Observation> observations, int? roundTripAt = null)
        where TState : class
    {
        var emissions = new List<Emission>();
        TState state = detector.Initial;
        int index = 0;
        foreach (Observation observation in observations)
        {
            if (index++ == roundTripAt)
            {
                string json = JsonSerializer.Serialize(state);
                state = JsonSerializer.Deserialize<TState>(json)!;
            }

            var emitted = new List<VehicleEvent>();
            state = detector.Observe(state, observation, emitted);
            emissions.AddRange(emitted.Select(e => new Emission(observation.UnixMilliseconds, e)));
        }

        return emissions;
    }

    /// <summary>The events as JSON, for comparing runs whose events hold lists.</summary>
    public static string Json(IEnumerable<Emission> emissions) =>
        JsonSerializer.Serialize(emissions.Select(e => e.Event).ToList());

    /// <summary>The latest version of each episode, by key, in first-emission order.</summary>
    public static List<T> Latest<T>(IEnumerable<Emission> emissions)
        where T : VehicleEvent =>
        [.. emissions.Select(e => e.Event).OfType<T>().GroupBy(e => e.Key).Select(g => g.Last())];
}

/// <summary>Positions offset by metres on a local plane (good to well under 0.1 % over tens of kilometres).</summary>
public static class Geo
{
    private const double MetresPerDegreeLatitude = 111_195.08;

    public static Place Offset(Place from, double eastMetres, double northMetres) => new(
        from.Latitude + (northMetres / MetresPerDegreeLatitude),
        from.Longitude + (eastMetres / (MetresPerDegreeLatitude * Math.Cos(double.DegreesToRadians(from.Latitude)))));

    public static double NextGaussian(this Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
