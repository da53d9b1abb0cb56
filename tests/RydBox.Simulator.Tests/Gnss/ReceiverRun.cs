using RydBox.Simulator.Gnss;
using RydBox.Simulator.Routes;
using RydBox.Simulator.Tests.Vehicles;
using RydBox.Simulator.Vehicles;

namespace RydBox.Simulator.Tests.Gnss;

/// <summary>A vehicle, its clocked sensors and a receiver model, sampled once per epoch.</summary>
public sealed class ReceiverRun
{
    public ReceiverRun(SimulatedVehicle vehicle, int seed, GnssModelOptions? options = null)
    {
        Vehicle = vehicle;
        Receiver = new GnssReceiverModel(new ClockedVehicleSensors(vehicle, Clock), seed, options);
    }

    public SteppedClock Clock { get; } = new();

    public SimulatedVehicle Vehicle { get; }

    public GnssReceiverModel Receiver { get; }

    public List<GnssSolution> Solutions { get; } = [];

    /// <summary>Samples at every epoch for <paramref name="milliseconds"/>, starting with the current one.</summary>
    public void For(long milliseconds)
    {
        long until = Clock.NowMilliseconds + milliseconds;
        while (Clock.NowMilliseconds < until)
        {
            Sample();
        }
    }

    /// <summary>Samples at every epoch while <paramref name="condition"/> holds.</summary>
    public void While(Func<bool> condition, long limitMs = 4 * 3_600_000)
    {
        long until = Clock.NowMilliseconds + limitMs;
        while (condition())
        {
            Clock.NowMilliseconds.Should().BeLessThan(until);
            Sample();
        }
    }

    private void Sample()
    {
        Solutions.Add(Receiver.Sample());
        Clock.Advance(Receiver.Options.EpochMilliseconds);
    }

    /// <summary>North and east error of a solution from the truth, m.</summary>
    public static (double North, double East) Error(GnssSolution s)
    {
        var (east, north) = GeoMath.LocalMetres(new GeoPoint(s.Truth.Latitude, s.Truth.Longitude), new GeoPoint(s.Latitude, s.Longitude));
        return (north, east);
    }

    public static double HorizontalError(GnssSolution s)
    {
        var (north, east) = Error(s);
        return Math.Sqrt(north * north + east * east);
    }
}
