using CsCheck;
using RydBox.Gateway.Events.Detectors.Geofences;
using RydBox.Gateway.Events.Model;
using RydBox.Gateway.Tests.Events.Detectors.SafetyAndHealth;
using static RydBox.Gateway.Tests.Events.Detectors.SafetyAndHealth.DetectorHarness;

namespace RydBox.Gateway.Tests.Events.Detectors.Geofences;

public sealed class GeofencePropertyTests
{
    private static readonly Geofence Circle = Geofence.Circle("c", "Circle", Geo.Home, 300);

    [Fact]
    public void Any_wandering_within_the_margin_band_of_a_circle_emits_nothing()
    {
        var detector = new GeofenceDetector([Circle], new GeofenceOptions());
        Gen.Select(Gen.Double[0, 2 * Math.PI], Gen.Double[-19.5, 19.5]).Array[1, 300].Sample(steps =>
        {
            var sequence = new List<Observation> { new SampleObservation(T0, Geo.Home, 1) };
            for (int i = 0; i < steps.Length; i++)
            {
                (double bearing, double fromEdge) = steps[i];
                double r = 300 + fromEdge;
                sequence.Add(new SampleObservation(T0 + Minutes(i + 1), Geo.Home.Offset(r * Math.Cos(bearing), r * Math.Sin(bearing)), 1.5));
            }

            Run(detector, sequence).Should().BeEmpty();
        });
    }

    [Fact]
    public void Crossing_clear_of_the_band_and_back_gives_alternating_transitions_that_survive_a_restart_anywhere()
    {
        var detector = new GeofenceDetector([Circle], new GeofenceOptions { MinimumFixes = 2 });
        Gen.Double[0, 600].Array[4, 60].Sample(distances =>
        {
            List<Observation> sequence = [.. distances.Select((d, i) => (Observation)new SampleObservation(T0 + Seconds(i), Geo.Home.Offset(0, d), 1))];
            List<VehicleEvent> events = Run(detector, sequence);

            List<GeofenceTransition> transitions = [.. events.Cast<GeofenceEvent>().Select(e => e.Transition)];
            transitions.Zip(transitions.Skip(1)).Where(pair => pair.First == pair.Second).Should().BeEmpty("enter and exit alternate");
            events.Cast<GeofenceEvent>().Where(e => Math.Abs(Circle.SignedDistanceMetres(e.Position)) < 20).Should().BeEmpty("a transition is placed at a fix clear of the margin");
            AssertRoundTripAnywhere(detector, sequence, step: 7);
        }, iter: 60);
    }
}
