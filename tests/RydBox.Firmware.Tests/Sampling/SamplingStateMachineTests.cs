using RydBox.Firmware.Sampling;

namespace RydBox.Firmware.Tests.Sampling;

public class SamplingStateMachineTests
{
    private readonly SamplingOptions _options = new();
    private readonly SamplingStateMachine _machine;

    public SamplingStateMachineTests() => _machine = new SamplingStateMachine(_options);

    [Fact]
    public void Starts_parked_and_turns_to_standby_after_the_standby_delay()
    {
        _machine.State.Should().Be(SamplingState.Parked);
        _machine.PollsObd.Should().BeFalse();
        _machine.Update(5000, false, false);
        _machine.Update(5000 + _options.StandbyAfterMs - 1, false, false);
        _machine.State.Should().Be(SamplingState.Parked);
        _machine.IntervalMs.Should().Be(_options.ParkedIntervalMs);

        _machine.Update(5000 + _options.StandbyAfterMs, false, false);

        _machine.State.Should().Be(SamplingState.Standby);
        _machine.IntervalMs.Should().Be(_options.StandbyIntervalMs);
    }

    [Fact]
    public void Ignition_on_drives_standing_still_idles_moving_drives_again()
    {
        _machine.Update(0, false, false);
        _machine.Update(1000, true, false).Should().BeTrue("ignition has just come on");
        _machine.State.Should().Be(SamplingState.Driving);
        _machine.Update(2000, true, false).Should().BeFalse();

        _machine.Update(1000 + _options.IdleAfterMs - 1, true, false);
        _machine.State.Should().Be(SamplingState.Driving);
        _machine.Update(1000 + _options.IdleAfterMs, true, false);
        _machine.State.Should().Be(SamplingState.Idle);
        _machine.IntervalMs.Should().Be(_options.IdleIntervalMs);
        _machine.PollsObd.Should().BeTrue();

        _machine.Update(100_000, true, true);
        _machine.State.Should().Be(SamplingState.Driving);
        _machine.IntervalMs.Should().Be(_options.DrivingIntervalMs);
    }

    [Fact]
    public void Ignition_off_parks_at_once_and_the_standby_delay_counts_from_then()
    {
        _machine.Update(0, true, true);
        _machine.Update(1_000_000, false, false);
        _machine.State.Should().Be(SamplingState.Parked);

        _machine.Update(1_000_000 + _options.StandbyAfterMs - 1, false, false);
        _machine.State.Should().Be(SamplingState.Parked);
        _machine.Update(1_000_000 + _options.StandbyAfterMs, false, false);
        _machine.State.Should().Be(SamplingState.Standby);

        _machine.Update(2_000_000, true, false).Should().BeTrue();
        _machine.State.Should().Be(SamplingState.Driving);
    }
}
