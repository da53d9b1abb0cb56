using RydBox.Simulator.Scenarios;
using RydBox.Simulator.Tests.Scenarios;
using RydBox.Simulator.Vehicles;

namespace RydBox.Simulator.Tests.Boxes;

/// <summary>
/// The virtual accelerometer on a towed vehicle: latched by the tow (however seldom it is read),
/// never by the parked vehicle around it, whose GNSS fixes drift but which itself does not move.
/// </summary>
public sealed class VirtualMotionSensorTests(WorldFixture fixture) : IClassFixture<WorldFixture>
{
    [Theory]
    [InlineData(1_000)]
    [InlineData(90_000)]
    public void Latches_through_a_tow_and_at_no_other_time(long lookEveryMs)
    {
        (TowTruth tow, List<(long UnixMs, bool Motion)> looks) = LookThroughTow(lookEveryMs);

        looks.Where(l => l.UnixMs < tow.StartUnixMs || l.UnixMs >= tow.EndUnixMs + lookEveryMs)
            .Should().NotBeEmpty().And.OnlyContain(l => !l.Motion, "a parked vehicle does not move");
        looks.Where(l => l.UnixMs >= tow.StartUnixMs + lookEveryMs && l.UnixMs < tow.EndUnixMs)
            .Should().NotBeEmpty().And.OnlyContain(l => l.Motion, "the vehicle moved since every look during the tow");
    }

    [Fact]
    public void Holds_what_happened_since_the_last_look_though_the_vehicle_stands_still_now()
    {
        (TowTruth tow, List<(long UnixMs, bool Motion)> looks) = LookThroughTow(90_000);

        looks.First(l => l.UnixMs >= tow.EndUnixMs).Motion.Should().BeTrue("the tow's last stretch came after the look before");
    }

    private (TowTruth Tow, List<(long UnixMs, bool Motion)> Looks) LookThroughTow(long lookEveryMs)
    {
        var player = new ScenarioPlayer(fixture.World, ScenarioCatalog.Find("towed")!, seed: 5);
        var sensor = new VirtualMotionSensor(player.Run);
        var looks = new List<(long UnixMs, bool Motion)>();
        player.PlayToEnd(lookEveryMs, (_, _) => looks.Add((ScenarioPlayer.Unix(player.Clock.NowMilliseconds), sensor.TakeMotion())));
        return (player.Truth.OfKind<TowTruth>().Should().ContainSingle().Subject, looks);
    }
}
