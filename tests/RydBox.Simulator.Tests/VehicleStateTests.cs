using RydBox.Simulator.Vehicles;

namespace RydBox.Simulator.Tests;

public sealed class VehicleStateTests
{
    [Fact]
    public void A_new_state_sees_the_sky_and_is_not_towed()
    {
        var state = new VehicleState();

        state.SkyVisible.Should().BeTrue();
        state.BeingTowed.Should().BeFalse();
    }
}
