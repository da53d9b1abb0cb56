using RydBox.Firmware.Events;

namespace RydBox.Firmware.Tests.Events;

public class LowBatteryDetectorTests
{
    private readonly EventLog _log = new();
    private readonly LowBatteryOptions _options = new();
    private readonly LowBatteryDetector _detector;

    public LowBatteryDetectorTests() => _detector = new LowBatteryDetector(_options, _log.Queue);

    private void Run(long fromMs, long forMs, bool ignitionOn, int millivolts)
    {
        for (long t = fromMs; t <= fromMs + forMs; t += 10_000)
        {
            _detector.Update(t, ignitionOn, true, millivolts);
        }
    }

    [Fact]
    public void A_low_voltage_with_ignition_off_is_reported_once_after_a_while()
    {
        Run(0, _options.LowForMs - 10_000, ignitionOn: false, 11_500);
        _log.Drain().Should().BeEmpty();
        _detector.IsConfirming.Should().BeTrue();

        Run(_options.LowForMs, 3_600_000, ignitionOn: false, 11_400);

        var low = _log.Drain().Should().ContainSingle().Subject;
        low.Type.Should().Be(BoxEventType.LowBattery);
        low.Value.Should().Be(11_400);
    }

    [Fact]
    public void A_short_dip_is_not_reported()
    {
        Run(0, 30_000, ignitionOn: false, 11_000);
        Run(40_000, 0, ignitionOn: false, 12_300);
        Run(50_000, 30_000, ignitionOn: false, 11_000);

        _log.Drain().Should().BeEmpty();
    }

    [Fact]
    public void With_ignition_on_a_low_voltage_is_not_a_parked_battery_problem()
    {
        Run(0, 600_000, ignitionOn: true, 11_000);

        _log.Drain().Should().BeEmpty();
    }

    [Fact]
    public void A_new_episode_needs_a_recovery_first()
    {
        Run(0, _options.LowForMs, ignitionOn: false, 11_500);
        Run(100_000, 100_000, ignitionOn: false, _options.RecoveredMillivolts - 1);
        _log.DrainTypes().Should().Equal(BoxEventType.LowBattery);

        Run(300_000, 0, ignitionOn: false, _options.RecoveredMillivolts);
        Run(310_000, _options.LowForMs, ignitionOn: false, 11_500);

        _log.DrainTypes().Should().Equal(BoxEventType.LowBattery);
    }
}

public class PowerLossDetectorTests
{
    private readonly EventLog _log = new();
    private readonly PowerLossOptions _options = new();
    private readonly PowerLossDetector _detector;

    public PowerLossDetectorTests() => _detector = new PowerLossDetector(_options, _log.Queue);

    [Fact]
    public void A_collapsed_voltage_is_reported_at_once_and_once()
    {
        _detector.Update(0, true, 12_600);
        _detector.Update(1000, true, 2_100);
        _detector.Update(2000, true, 0);

        var loss = _log.Drain().Should().ContainSingle().Subject;
        loss.Type.Should().Be(BoxEventType.PowerLoss);
        loss.Value.Should().Be(2_100);
    }

    [Fact]
    public void A_cranking_dip_is_not_a_power_loss()
    {
        _detector.Update(0, true, 12_600);
        _detector.Update(100, true, 7_400);
        _detector.Update(200, true, 14_000);

        _log.Drain().Should().BeEmpty();
    }

    [Fact]
    public void A_supply_that_stops_answering_is_lost_after_the_configured_failed_readings()
    {
        _detector.Update(0, true, 12_600);
        _detector.Update(1000, false, 0);
        _log.Drain().Should().BeEmpty("one failed reading may be a glitch");
        _detector.IsConfirming.Should().BeTrue();

        _detector.Update(2000, false, 0);

        _log.Drain().Should().ContainSingle().Which.Value.Should().Be(0);
    }

    [Fact]
    public void A_box_without_a_voltage_reading_never_reports_a_loss()
    {
        for (int t = 0; t < 100; t++)
        {
            _detector.Update(t * 1000, false, 0);
        }

        _log.Drain().Should().BeEmpty();
    }

    [Fact]
    public void After_the_supply_is_back_a_new_loss_is_reported_again()
    {
        _detector.Update(0, true, 3_000);
        _detector.Update(1000, true, 8_000);
        _detector.Update(2000, true, 3_000);
        _log.Drain().Should().HaveCount(1, "8 V is not yet a restored supply");

        _detector.Update(3000, true, _options.RestoredMillivolts);
        _detector.Update(4000, true, 3_000);

        _log.DrainTypes().Should().Equal(BoxEventType.PowerLoss);
    }
}
