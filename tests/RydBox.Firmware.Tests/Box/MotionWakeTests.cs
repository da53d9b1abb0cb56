using RydBox.Firmware.Sampling;

namespace RydBox.Firmware.Tests.Box;

/// <summary>
/// The motion wake-up of a parked box: a latched accelerometer cuts the standby wait short and the
/// box looks closely (confirm cycles) for a while; without a sensor, or with one that never latches,
/// the box keeps exactly the timing it had before.
/// </summary>
public sealed class MotionWakeTests
{
    private const long TwentyMinutes = 20 * 60_000;

    [Fact]
    public void A_latch_in_standby_brings_a_cycle_within_one_check_and_then_cycles_at_the_confirm_interval()
    {
        var rig = new MotionWakeRig(new LatchedMotionSensor());
        rig.RunFor(TwentyMinutes);
        rig.Runtime.Sampler.State.Should().Be(SamplingState.Standby);
        rig.RunFor(rig.Sampling.StandbyIntervalMs / 3);

        long latched = rig.Clock.NowMilliseconds;
        rig.Sensor!.Latched = true;
        rig.RunFor(rig.Sampling.MotionConfirmMs + (2 * rig.Sampling.StandbyIntervalMs));

        long woke = rig.Cycles.First(t => t >= latched);
        (woke - latched).Should().BeLessThanOrEqualTo(rig.Sampling.MotionCheckMs, "the standby cycle was minutes away");
        long[] intervals = rig.IntervalsFrom(woke);
        int confirmCycles = (int)(rig.Sampling.MotionConfirmMs / rig.Sampling.ConfirmIntervalMs);
        intervals.TakeWhile(i => i == rig.Sampling.ConfirmIntervalMs).Count().Should().Be(confirmCycles, "the box looks closely for the motion stretch");
        intervals.Skip(confirmCycles).Should().OnlyContain(i => i == rig.Sampling.StandbyIntervalMs, "nothing happened, so the box sleeps again");
    }

    [Fact]
    public void An_engine_started_in_standby_is_on_within_seconds()
    {
        var rig = new MotionWakeRig(new LatchedMotionSensor());
        rig.RunFor(TwentyMinutes + 60_000);

        rig.Supply.Millivolts = MotionWakeRig.ChargingMv;
        rig.Sensor!.Continuous = true;
        long took = rig.RunUntil(() => rig.Runtime.Events.Ignition.IsOn, rig.Sampling.StandbyIntervalMs);

        took.Should().BeLessThanOrEqualTo(
            rig.Sampling.MotionCheckMs + rig.Options.Events.Ignition.OnDebounceMs + rig.Sampling.ConfirmIntervalMs,
            "a look, then the charging voltage held for the debounce at confirm cycles");
    }

    [Fact]
    public void A_sensor_latched_throughout_a_tow_does_not_cut_the_confirm_cycles_short()
    {
        var rig = new MotionWakeRig(new LatchedMotionSensor());
        rig.RunFor(TwentyMinutes);

        long moving = rig.Clock.NowMilliseconds;
        rig.Sensor!.Continuous = true;
        rig.RunFor(3 * rig.Sampling.MotionConfirmMs);

        long[] intervals = rig.IntervalsFrom(moving);
        intervals.Max().Should().Be(rig.Sampling.ConfirmIntervalMs, "while the vehicle moves the box keeps looking closely");
        intervals.Length.Should().BeLessThanOrEqualTo(
            (int)(3 * rig.Sampling.MotionConfirmMs / rig.Sampling.ConfirmIntervalMs) + 4, "one wake per motion stretch, not a cycle at every look");
    }

    [Fact]
    public void What_the_sensor_latched_while_the_engine_ran_does_not_wake_the_parked_box()
    {
        var rig = new MotionWakeRig(new LatchedMotionSensor());
        rig.RunFor(60_000);
        rig.Supply.Millivolts = MotionWakeRig.ChargingMv;
        rig.RunUntil(() => rig.Runtime.Sampler.State == SamplingState.Driving, 60_000);

        rig.Sensor!.Latched = true;
        rig.Supply.Millivolts = MotionWakeRig.RestingMv;
        rig.RunUntil(() => rig.Runtime.Sampler.State == SamplingState.Parked, 600_000);
        rig.RunUntil(() => !rig.Runtime.Events.IsConfirming, 600_000);
        long parked = rig.Clock.NowMilliseconds;
        rig.RunFor(5 * rig.Sampling.ParkedIntervalMs);

        rig.Sensor.Latched.Should().BeFalse("the box took the latch when it fell asleep");
        rig.IntervalsFrom(parked).Skip(1).Should().OnlyContain(i => i == rig.Sampling.ParkedIntervalMs, "the drive's vibration is not a wake-up");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Without_a_sensor_or_with_one_that_never_latches_the_cycles_keep_their_timing(bool withSensor)
    {
        var before = new MotionWakeRig(null, looks: false);
        var rig = new MotionWakeRig(withSensor ? new LatchedMotionSensor() : null);

        before.RunFor(2 * TwentyMinutes);
        rig.RunFor(2 * TwentyMinutes);

        rig.Cycles.Should().Equal(before.Cycles, "parked every minute, then standby every five, as before the motion wake-up");
        before.IntervalsFrom(0).Should().Contain(rig.Sampling.StandbyIntervalMs);
        if (withSensor)
        {
            rig.Sensor!.Takes.Should().BeGreaterThan((int)(2 * TwentyMinutes / rig.Sampling.ParkedIntervalMs), "the box looked at it between cycles");
        }
    }
}
