using RydBox.Firmware.Events;
using RydBox.Firmware.Obd;
using RydBox.Firmware.Sampling;
using RydBox.Firmware.Tests.Events;

namespace RydBox.Firmware.Tests.Sampling;

public class AdaptiveSamplerTests
{
    [Fact]
    public void With_ignition_off_no_OBD_request_ever_goes_out_and_the_box_settles_into_standby()
    {
        var rig = new SamplingRig { Fix = Fixes.Near(0, 0) };

        rig.RunFor(3 * 3_600_000);

        rig.Transport.Requests.Should().BeEmpty("polling a sleeping car keeps its ECUs awake");
        rig.Sampler.State.Should().Be(SamplingState.Standby);
        rig.Waits.Where(w => w.State == SamplingState.Parked).Should().OnlyContain(w => w.Wait == rig.Options.ParkedIntervalMs);
        rig.Waits.Where(w => w.State == SamplingState.Standby).Should().OnlyContain(w => w.Wait == rig.Options.StandbyIntervalMs);
        rig.Waits.Count(w => w.State == SamplingState.Parked).Should().Be(10, "ten minutes at one cycle a minute");
        rig.Supply.Reads.Should().Be(rig.Waits.Count, "the voltage is still watched at every wake-up");
    }

    [Fact]
    public void The_charging_voltage_is_confirmed_quickly_then_the_drive_is_polled_at_the_driving_rate()
    {
        var rig = new SamplingRig();
        rig.RunFor(30 * 60_000);
        rig.Sampler.State.Should().Be(SamplingState.Standby);

        rig.Drive();
        long wokeAt = rig.Clock.NowMilliseconds;
        rig.Step().Should().Be(rig.Options.ConfirmIntervalMs, "the first charging reading is not yet proof");
        (rig.RunUntil(SamplingState.Driving) - wokeAt).Should().BeLessThanOrEqualTo(new IgnitionOptions().OnDebounceMs + rig.Options.ConfirmIntervalMs);
        rig.Transport.Requests.Should().BeEmpty("the switch to driving happens after the cycle that saw ignition on");

        rig.Step().Should().Be(rig.Options.DrivingIntervalMs);

        rig.Transport.Requests.Select(r => Convert.ToHexString(r.Request)).Should().StartWith(["0100", "0120", "0140"], "each drive starts with discovery");
        rig.Sampler.Plan.PidsOf(SignalTier.Fast).Should().Contain(new byte[] { 0x0C, 0x0D, 0x11, 0x04 });
        rig.Sampler.Readings.Count.Should().BeGreaterThan(10, "the first cycle polls every tier");
        rig.Sampler.State.Should().Be(SamplingState.Driving);
        rig.EventTypes().Should().Equal(BoxEventType.GnssFixLost, BoxEventType.IgnitionOn);
    }

    [Fact]
    public void Standing_still_with_the_engine_on_idles_and_moving_again_drives()
    {
        var rig = new SamplingRig();
        rig.Drive(kmh: 0);
        rig.RunUntil(SamplingState.Driving);
        rig.RunFor(rig.Options.IdleAfterMs - 2000);
        rig.Sampler.State.Should().Be(SamplingState.Driving);

        rig.RunUntil(SamplingState.Idle, atMostMs: 3000);
        rig.Step().Should().Be(rig.Options.IdleIntervalMs);
        int requestsBefore = rig.Transport.Requests.Count;
        rig.RunFor(60_000);
        rig.Transport.Requests.Count.Should().BeGreaterThan(requestsBefore, "idle still polls, only slower");

        rig.Drive(kmh: 12);
        rig.Step();
        rig.Sampler.State.Should().Be(SamplingState.Driving);
    }

    [Fact]
    public void Key_out_stops_all_polling_within_seconds_and_parks()
    {
        var rig = new SamplingRig();
        rig.Drive();
        rig.RunUntil(SamplingState.Driving);
        rig.RunFor(120_000);

        rig.KeyOut();
        long keyOutAt = rig.Clock.NowMilliseconds;
        (rig.RunUntil(SamplingState.Parked) - keyOutAt).Should().BeLessThanOrEqualTo(new IgnitionOptions().SilentOffMs + 1000);
        int requests = rig.Transport.Requests.Count;

        rig.RunFor(24 * 3_600_000);

        rig.Transport.Requests.Count.Should().Be(requests);
        rig.EventTypes().Should().Contain(BoxEventType.IgnitionOff);
    }

    [Fact]
    public void ECUs_that_keep_answering_after_key_out_are_released_after_the_engine_stopped_delay()
    {
        var rig = new SamplingRig();
        rig.Drive();
        rig.RunUntil(SamplingState.Driving);
        rig.RunFor(60_000);

        rig.Drive(rpm: 0, kmh: 0);
        rig.Supply.Millivolts = SamplingRig.RestingMv;
        rig.RunUntil(SamplingState.Parked);
        int requests = rig.Transport.Requests.Count;
        rig.RunFor(3_600_000);

        rig.Transport.Requests.Count.Should().Be(requests, "the ECUs still answer, but nothing asks them any more");
    }

    [Fact]
    public void Without_a_voltage_reading_one_probe_per_interval_asks_the_engine_speed()
    {
        var rig = new SamplingRig(withSupply: false);

        rig.RunFor(2 * 3_600_000);

        rig.Transport.Requests.Should().HaveCount(24, "one probe every five minutes for two hours");
        rig.Transport.Requests.Should().OnlyContain(r => Convert.ToHexString(r.Request) == "010C");
        rig.Sampler.Probes.Should().Be(24);

        rig.Drive();
        rig.RunUntil(SamplingState.Driving, atMostMs: rig.Options.ProbeIntervalMs + 1);
        rig.EventTypes().Should().Contain(BoxEventType.IgnitionOn);
    }

    [Fact]
    public void With_the_probe_disabled_and_no_voltage_nothing_is_ever_asked()
    {
        var rig = new SamplingRig(withSupply: false, o => o.Probe = IgnitionProbeMode.Never);

        rig.RunFor(2 * 3_600_000);

        rig.Transport.Requests.Should().BeEmpty();
    }

    [Fact]
    public void Always_probing_asks_even_with_a_voltage_reading()
    {
        var rig = new SamplingRig(configure: o => o.Probe = IgnitionProbeMode.Always);

        rig.RunFor(3_600_000);

        rig.Transport.Requests.Should().HaveCount(12);
    }

    [Fact]
    public void A_failed_discovery_is_retried_and_one_request_per_cycle_still_checks_the_ECUs()
    {
        var rig = new SamplingRig();
        rig.Supply.Millivolts = SamplingRig.ChargingMv;
        rig.RunUntil(SamplingState.Driving);
        rig.Transport.Requests.Clear();

        rig.RunFor(20_000);

        var sent = rig.Transport.Requests.Select(r => Convert.ToHexString(r.Request)).ToList();
        sent.Count(r => r == "0100").Should().Be(1, "discovery is retried only after the retry delay");
        sent.Where(r => r != "0100").Should().OnlyContain(r => r == "010C");
    }

    [Fact]
    public void Stored_DTCs_are_read_at_drive_start_and_every_interval_and_changes_become_events()
    {
        var rig = new SamplingRig();
        rig.Transport.Raw[(SamplingRig.Engine, "03")] = [0x43, 0x01, 0x03, 0x01];
        rig.Drive();
        rig.RunUntil(SamplingState.Driving);
        rig.RunFor(rig.Options.DtcReadIntervalMs + 2000);

        rig.Transport.Requests.Count(r => r.Request[0] == 0x03).Should().Be(2);
        var e = new BoxEvent();
        var events = new List<BoxEvent>();
        while (rig.Queue.TryDequeue(e))
        {
            events.Add(e);
            e = new BoxEvent();
        }

        events.Where(x => x.Type == BoxEventType.DtcSet).Should().ContainSingle().Which.Detail.Should().Be("P0301");
    }

    [Fact]
    public void A_towed_car_alarms_without_a_single_OBD_request_and_is_followed_more_closely()
    {
        var rig = new SamplingRig { Fix = Fixes.Near(0, 0) };
        rig.RunFor(20 * 60_000);
        rig.Sampler.State.Should().Be(SamplingState.Standby);

        double north = 0;
        while (!rig.Events.Tow.IsActive)
        {
            rig.Clock.NowMilliseconds.Should().BeLessThan(40 * 60_000);
            rig.Fix = Fixes.Near(north, 0, speedKmhX100: 1500);
            long wait = rig.Step();
            north += 15 / 3.6 * wait / 1000;
        }

        rig.Step().Should().Be(rig.Options.TowTrackingIntervalMs);
        rig.Transport.Requests.Should().BeEmpty();
        rig.EventTypes().Should().Contain(BoxEventType.TowAlarmStarted);
    }

    [Fact]
    public void Motion_wakes_a_sleeping_box_into_confirm_cycles_for_a_while_and_then_it_sleeps_again()
    {
        var rig = new SamplingRig { Fix = Fixes.Near(0, 0) };
        rig.RunFor(20 * 60_000);
        rig.Sampler.State.Should().Be(SamplingState.Standby);

        rig.Sampler.WakeOnMotion();
        long woke = rig.Clock.NowMilliseconds;
        var waits = new List<long>();
        while (rig.Clock.NowMilliseconds - woke < rig.Options.MotionConfirmMs + rig.Options.StandbyIntervalMs)
        {
            waits.Add(rig.Step());
        }

        waits.TakeWhile(w => w == rig.Options.ConfirmIntervalMs).Count().Should().Be((int)(rig.Options.MotionConfirmMs / rig.Options.ConfirmIntervalMs));
        waits[^1].Should().Be(rig.Options.StandbyIntervalMs, "with nothing found the box sleeps again");
        rig.Transport.Requests.Should().BeEmpty("the voltage says the engine is off: no probe is needed");
    }

    [Fact]
    public void A_tow_that_wakes_the_box_alarms_within_seconds_not_at_the_next_standby_cycle()
    {
        var rig = new SamplingRig { Fix = Fixes.Near(0, 0) };
        rig.RunFor(20 * 60_000);
        long towStarts = rig.Clock.NowMilliseconds;

        // The accelerometer latched as the truck lifted the car: the box runs a cycle at once.
        rig.Sampler.WakeOnMotion();
        double north = 0;
        while (!rig.Events.Tow.IsActive)
        {
            rig.Fix = Fixes.Near(north, 0, speedKmhX100: 1500);
            long wait = rig.Step();
            north += 15 / 3.6 * wait / 1000;
        }

        (rig.Clock.NowMilliseconds - towStarts).Should().BeLessThan(60_000, "confirm cycles every 2 s instead of one every 5 minutes");
        rig.EventTypes().Should().Contain(BoxEventType.TowAlarmStarted);
    }

    [Fact]
    public void Cycles_keep_a_fixed_rate_however_long_polling_takes()
    {
        var rig = new SamplingRig();
        rig.Drive();
        rig.RunUntil(SamplingState.Driving);
        rig.RunFor(10_000);
        rig.RequestLatencyMs = 150;

        var starts = new List<long>();
        for (int i = 0; i < 12; i++)
        {
            starts.Add(rig.Clock.NowMilliseconds);
            int before = rig.Transport.Requests.Count;
            long wait = rig.Step();
            wait.Should().Be(rig.Options.DrivingIntervalMs - 150 * (rig.Transport.Requests.Count - before));
        }

        starts.Zip(starts.Skip(1), (a, b) => b - a).Should().OnlyContain(d => d == rig.Options.DrivingIntervalMs);
    }
}
