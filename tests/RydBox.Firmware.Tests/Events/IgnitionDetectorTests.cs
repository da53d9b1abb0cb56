using RydBox.Firmware.Events;

namespace RydBox.Firmware.Tests.Events;

public class IgnitionDetectorTests
{
    private const int Charging = 14_100;
    private const int Resting = 12_500;
    private const int InHysteresis = 13_000;

    private readonly EventLog _log = new();
    private readonly IgnitionOptions _options = new();
    private readonly IgnitionDetector _detector;

    public IgnitionDetectorTests() => _detector = new IgnitionDetector(_options, _log.Queue);

    /// <summary>Samples every second from <paramref name="fromMs"/> for <paramref name="forMs"/>.</summary>
    private void Run(long fromMs, long forMs, bool asked, bool answered, int? rpm, int? millivolts)
    {
        for (long t = fromMs; t <= fromMs + forMs; t += 1000)
        {
            _detector.Update(t, asked, answered, rpm.HasValue, rpm ?? 0, millivolts.HasValue, millivolts ?? 0);
        }
    }

    private void SwitchOnByRpm(long atMs) => _detector.Update(atMs, true, true, true, 800, true, Charging);

    [Fact]
    public void Starts_off_and_an_engine_turning_switches_it_on_at_once()
    {
        _detector.IsOn.Should().BeFalse();

        _detector.Update(0, true, true, true, 820, false, 0);

        _detector.IsOn.Should().BeTrue();
        var on = _log.Drain().Should().ContainSingle().Subject;
        on.Type.Should().Be(BoxEventType.IgnitionOn);
        on.Detail.Should().Be(IgnitionDetector.ByRpm);
    }

    [Fact]
    public void Cranking_speed_is_not_a_running_engine()
    {
        _detector.Update(0, true, true, true, _options.RunningRpm - 1, true, Resting);

        _detector.IsOn.Should().BeFalse();
        _log.Drain().Should().BeEmpty();
    }

    [Fact]
    public void Charging_voltage_switches_on_only_after_the_debounce()
    {
        _detector.Update(0, false, false, false, 0, true, Charging);
        _detector.Update(_options.OnDebounceMs - 1, false, false, false, 0, true, Charging);
        _detector.IsOn.Should().BeFalse();
        _detector.IsConfirming.Should().BeTrue("the sampler should look again soon");

        _detector.Update(_options.OnDebounceMs, false, false, false, 0, true, Charging);

        _detector.IsOn.Should().BeTrue();
        var on = _log.Drain().Should().ContainSingle().Subject;
        on.Detail.Should().Be(IgnitionDetector.ByVoltage);
        on.Value.Should().Be(Charging);
    }

    [Fact]
    public void A_short_voltage_spike_does_not_switch_on()
    {
        _detector.Update(0, false, false, false, 0, true, Charging);
        _detector.Update(1000, false, false, false, 0, true, Resting);
        _detector.Update(2000, false, false, false, 0, true, Charging);
        _detector.Update(3000, false, false, false, 0, true, Resting);

        _detector.IsOn.Should().BeFalse();
        _log.Drain().Should().BeEmpty();
    }

    [Fact]
    public void A_voltage_between_resting_and_charging_changes_nothing_either_way()
    {
        Run(0, 600_000, asked: false, answered: false, rpm: null, millivolts: InHysteresis);
        _detector.IsOn.Should().BeFalse();

        SwitchOnByRpm(700_000);
        Run(701_000, 600_000, asked: true, answered: true, rpm: 0, millivolts: InHysteresis);

        _detector.IsOn.Should().BeTrue("with the voltage above resting the alternator may still be charging");
    }

    [Fact]
    public void Engine_stopped_with_resting_voltage_switches_off_only_after_a_start_stop_halt_would_have_ended()
    {
        SwitchOnByRpm(0);
        Run(1000, 90_000, asked: true, answered: true, rpm: 0, millivolts: Resting);
        _detector.IsOn.Should().BeTrue("a 90 s start-stop halt is not the end of a drive");
        _detector.Update(92_000, true, true, true, 750, true, Resting);
        _detector.IsOn.Should().BeTrue();

        Run(93_000, _options.EngineStoppedOffMs, asked: true, answered: true, rpm: 0, millivolts: Resting);

        _detector.IsOn.Should().BeFalse();
        var events = _log.Drain();
        events.Select(e => e.Type).Should().Equal(BoxEventType.IgnitionOn, BoxEventType.IgnitionOff);
        events[1].Detail.Should().Be(IgnitionDetector.ByEngineStopped);
        events[1].Value.Should().Be(Resting);
    }

    [Fact]
    public void A_running_engine_keeps_ignition_on_whatever_the_voltage()
    {
        SwitchOnByRpm(0);

        Run(1000, 900_000, asked: true, answered: true, rpm: 780, millivolts: 12_200);

        _detector.IsOn.Should().BeTrue();
    }

    [Fact]
    public void Silent_ECUs_with_resting_voltage_switch_off_after_the_short_delay()
    {
        SwitchOnByRpm(0);
        Run(1000, _options.SilentOffMs - 1000, asked: true, answered: false, rpm: null, millivolts: Resting);
        _detector.IsOn.Should().BeTrue();

        _detector.Update(1000 + _options.SilentOffMs, true, false, false, 0, true, Resting);

        _detector.IsOn.Should().BeFalse();
        _log.Drain().Last().Detail.Should().Be(IgnitionDetector.ByObdSilent);
    }

    [Fact]
    public void Without_a_voltage_source_silence_alone_switches_off()
    {
        _detector.Update(0, true, true, true, 800, false, 0);

        Run(1000, _options.SilentOffMs, asked: true, answered: false, rpm: null, millivolts: null);

        _detector.IsOn.Should().BeFalse();
    }

    [Fact]
    public void A_charger_holding_the_voltage_high_is_given_up_on_and_cannot_switch_on_again_until_the_voltage_dips()
    {
        // A maintainer is clipped on: the voltage says charging, the ECUs sleep.
        Run(0, 3000, asked: false, answered: false, rpm: null, millivolts: Charging);
        _detector.IsOn.Should().BeTrue();
        Run(4000, _options.SilentChargingOffMs - 2000, asked: true, answered: false, rpm: null, millivolts: Charging);
        _detector.IsOn.Should().BeTrue();

        Run(2000 + _options.SilentChargingOffMs, 2000, asked: true, answered: false, rpm: null, millivolts: Charging);

        _detector.IsOn.Should().BeFalse();
        _detector.VoltageArmed.Should().BeFalse();
        _log.Drain().Last().Detail.Should().Be(IgnitionDetector.ByObdSilentWhileCharging);

        Run(200_000, 600_000, asked: false, answered: false, rpm: null, millivolts: Charging);
        _detector.IsOn.Should().BeFalse("the charger's voltage is no longer evidence");
        _log.Drain().Should().BeEmpty();

        _detector.Update(900_000, false, false, false, 0, true, Resting);
        _detector.VoltageArmed.Should().BeTrue();
        Run(901_000, _options.OnDebounceMs, asked: false, answered: false, rpm: null, millivolts: Charging);
        _detector.IsOn.Should().BeTrue();
    }

    [Fact]
    public void Each_change_is_reported_once()
    {
        SwitchOnByRpm(0);
        Run(1000, 60_000, asked: true, answered: true, rpm: 800, millivolts: Charging);
        Run(62_000, 60_000, asked: true, answered: false, rpm: null, millivolts: Resting);
        Run(123_000, 60_000, asked: false, answered: false, rpm: null, millivolts: Resting);

        _log.DrainTypes().Should().Equal(BoxEventType.IgnitionOn, BoxEventType.IgnitionOff);
    }
}
