using RydBox.Firmware.Obd.Services;
using RydBox.Firmware.Sampling;
using RydBox.Firmware.Tests.Obd.Services;

namespace RydBox.Firmware.Tests.Sampling;

public class PollPlanTests
{
    private static VehicleEcus Discover(params byte[] enginePids)
    {
        var transport = new TableTransport();
        transport.Pids[0x7E8] = new(enginePids.ToDictionary(p => p, _ => new byte[] { 0, 0, 0, 0 }));
        transport.Pids[0x7E9] = new() { [0x05] = [0x5A] };
        var service = new ObdService(transport);
        service.DiscoverSupportedPids();
        return service.Ecus;
    }

    [Fact]
    public void Only_PIDs_some_ECU_supports_are_kept_each_in_its_tier()
    {
        var plan = new PollPlan(SamplingTiers.Default(), 5, 30);
        plan.IsEmpty.Should().BeTrue();

        plan.Build(Discover(0x0C, 0x0D, 0x2F, 0x10, 0x5C, 0x42, 0x1F));

        plan.PidsOf(SignalTier.Fast).Should().Equal(0x0D, 0x0C);
        plan.PidsOf(SignalTier.Medium).Should().Equal(0x2F, 0x10);
        plan.PidsOf(SignalTier.Slow).Should().Equal(0x05, 0x42, 0x5C);
        plan.IsEmpty.Should().BeFalse();
    }

    [Fact]
    public void The_odometer_is_polled_only_where_supported()
    {
        var plan = new PollPlan(SamplingTiers.Default(), 5, 30);

        plan.Build(Discover(0x0C, 0xA6));

        plan.PidsOf(SignalTier.Slow).Should().Contain(0xA6);
        plan.Build(Discover(0x0C));
        plan.PidsOf(SignalTier.Slow).Should().NotContain(0xA6);
    }

    [Fact]
    public void Medium_and_slow_tiers_come_every_Nth_and_Mth_cycle_all_tiers_in_the_first()
    {
        var plan = new PollPlan(SamplingTiers.Default(), 5, 30);
        plan.Build(Discover(0x0C, 0x0D, 0x2F, 0x46));
        var due = new byte[plan.MaxPids];

        var cycles = Enumerable.Range(0, 61).Select(c => due.Take(plan.CollectDue(c, due)).ToArray()).ToList();

        cycles.Should().OnlyContain(pids => pids.Contains((byte)0x0C) && pids.Contains((byte)0x0D));
        Enumerable.Range(0, 61).Where(c => cycles[c].Contains((byte)0x2F)).Should().Equal(0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60);
        Enumerable.Range(0, 61).Where(c => cycles[c].Contains((byte)0x46)).Should().Equal(0, 30, 60);
    }

    [Fact]
    public void A_PID_in_two_rows_goes_to_the_faster_tier_and_unknown_names_are_counted()
    {
        TierRow[] table =
        [
            new("coolant_temp", SignalTier.Slow),
            new("coolant_temp", SignalTier.Medium),
            new("no_such_signal", SignalTier.Fast),
        ];
        var plan = new PollPlan(table, 5, 30);

        plan.Build(Discover(0x05));

        plan.UnknownSignals.Should().Be(1);
        plan.PidsOf(SignalTier.Medium).Should().Equal(0x05);
        plan.PidsOf(SignalTier.Slow).Should().BeEmpty();
        plan.PidsOf(SignalTier.Fast).Should().BeEmpty();
    }
}
