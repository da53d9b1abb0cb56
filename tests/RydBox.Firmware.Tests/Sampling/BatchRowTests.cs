using RydBox.Firmware.Events;
using RydBox.Firmware.Gnss;
using RydBox.Firmware.Sampling;
using RydBox.Firmware.Tests.Events;
using RydBox.Firmware.Wire;

namespace RydBox.Firmware.Tests.Sampling;

public class BatchRowTests
{
    private static SamplingRig Driving(GnssFix? fix = null)
    {
        var rig = new SamplingRig { Fix = fix };
        rig.Drive(rpm: 800, kmh: 50);
        rig.RunUntil(SamplingState.Driving);
        rig.Batch.Clear();
        rig.TakenBatches.Clear();
        return rig;
    }

    private static long? Value(TelemetryBatch batch, int signalId, int row)
    {
        int column = batch.ColumnOf(signalId);
        return column >= 0 && batch.Has(column, row) ? batch.ValueAt(column, row) : null;
    }

    [Fact]
    public void A_row_holds_raw_PID_integers_GNSS_fixed_point_and_the_supply_voltage_at_the_wall_time()
    {
        GnssFix fix = Fixes.Near(0, 0, hdopX100: 118, speedKmhX100: 5012);
        fix.Known |= GnssFields.Course | GnssFields.Altitude | GnssFields.Satellites;
        fix.CourseDegX100 = 7752;
        fix.AltitudeCm = 49_960;
        fix.SatellitesUsed = 8;
        var rig = Driving(fix);
        rig.WallClock.TryGetUnixMilliseconds(out long unixNow);

        rig.Step();

        TelemetryBatch batch = rig.Batch;
        batch.RowCount.Should().Be(1);
        batch.RowTime(0).Should().Be(unixNow);
        Value(batch, SignalIds.ForPid(0x0C, 0), 0).Should().Be(3200, "engine_rpm travels as its raw quarter-rpm count");
        Value(batch, SignalIds.ForPid(0x0D, 0), 0).Should().Be(50, "the engine ECU answers first; the transmission's 51 is not taken");
        Value(batch, SignalIds.ForPid(0x05, 0), 0).Should().Be(0x7B, "coolant is sent before its −40 offset");
        Value(batch, SignalIds.ForPid(0x42, 0), 0).Should().Be(0x36B0);
        Value(batch, SignalIds.Latitude, 0).Should().Be(fix.LatitudeE7);
        Value(batch, SignalIds.Longitude, 0).Should().Be(fix.LongitudeE7);
        Value(batch, SignalIds.GnssSpeed, 0).Should().Be(501);
        Value(batch, SignalIds.Course, 0).Should().Be(775);
        Value(batch, SignalIds.Altitude, 0).Should().Be(4996);
        Value(batch, SignalIds.Hdop, 0).Should().Be(118);
        Value(batch, SignalIds.SatellitesUsed, 0).Should().Be(8);
        Value(batch, SignalIds.SupplyVoltage, 0).Should().Be(SamplingRig.ChargingMv);
        batch.RejectedValues.Should().Be(0);
    }

    [Fact]
    public void Without_wall_time_no_row_is_written_but_the_cycle_still_runs()
    {
        var rig = new SamplingRig();
        rig.WallClock.Unset();
        rig.Drive();

        rig.RunFor(60_000);

        rig.Batch.RowCount.Should().Be(0);
        rig.TakenBatches.Should().BeEmpty();
        rig.Sampler.RowsWithoutWallClock.Should().Be(rig.Sampler.Cycles);
        rig.Sampler.State.Should().Be(SamplingState.Driving);
        rig.Transport.Requests.Should().NotBeEmpty();
    }

    [Fact]
    public void An_invalid_fix_puts_no_GNSS_value_in_the_row()
    {
        GnssFix warning = Fixes.Near(0, 0, speedKmhX100: 3000);
        warning.IsValid = false;
        var rig = Driving(warning);

        rig.Step();

        new[] { SignalIds.Latitude, SignalIds.Longitude, SignalIds.GnssSpeed, SignalIds.Hdop }
            .Should().OnlyContain(id => rig.Batch.ColumnOf(id) < 0);
        rig.Batch.ColumnOf(SignalIds.ForPid(0x0C, 0)).Should().BeGreaterThanOrEqualTo(0);
    }

    [Fact]
    public void Medium_and_slow_signals_are_present_only_in_their_rows()
    {
        var rig = Driving();

        for (int i = 0; i < 9; i++)
        {
            rig.Step();
        }

        TelemetryBatch batch = rig.Batch;
        batch.RowCount.Should().Be(9);
        batch.PresenceAt(batch.ColumnOf(SignalIds.ForPid(0x0C, 0))).Should().Be(0b1_1111_1111);
        batch.PresenceAt(batch.ColumnOf(SignalIds.ForPid(0x2F, 0))).Should().Be(0b0_0010_0001, "fuel level comes every fifth cycle");
        batch.PresenceAt(batch.ColumnOf(SignalIds.ForPid(0x46, 0))).Should().Be(0b0_0000_0001, "ambient temperature every thirtieth");
    }

    [Fact]
    public void The_batch_is_due_every_batch_period_and_at_once_when_the_rate_drops()
    {
        var rig = Driving(Fixes.Near(0, 0));

        rig.RunFor(60_000);
        rig.TakenBatches.Should().Equal(10, 10, 10, 10, 10, 10);

        rig.RunFor(5000);
        rig.KeyOut();
        rig.RunUntil(SamplingState.Parked);
        int rowsBeforeParking = rig.TakenBatches.Count;
        rig.Batch.RowCount.Should().Be(0, "the last driving rows must not wait a minute for the next parked row");
        rig.TakenBatches.Skip(6).Sum().Should().BeGreaterThan(10);

        rig.RunFor(10 * 60_000);
        rig.TakenBatches.Skip(rowsBeforeParking).Should().OnlyContain(rows => rows == 1, "a parked row every minute goes out alone");
    }

    [Fact]
    public void A_batch_left_full_refuses_rows_and_counts_them()
    {
        var rig = Driving();
        var full = new TelemetryBatch(4, 48);

        for (int i = 0; i < 6; i++)
        {
            rig.Sampler.RunCycle(null, full);
            rig.Clock.Advance(1000);
        }

        full.RowCount.Should().Be(4);
        rig.Sampler.RowsRejected.Should().Be(2);
        rig.Sampler.BatchDue.Should().BeTrue();
    }
}
