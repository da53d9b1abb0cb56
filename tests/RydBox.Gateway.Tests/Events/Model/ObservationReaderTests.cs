using RydBox.Contract;
using RydBox.Firmware.Wire;
using RydBox.Gateway.Events.Model;

namespace RydBox.Gateway.Tests.Events.Model;

public sealed class ObservationReaderTests
{
    [Fact]
    public void A_batch_read_from_its_columns_gives_the_observations_its_rows_give()
    {
        var batch = new TelemetryBatch(4, 16);
        long t0 = 1_764_000_000_000;
        batch.BeginRow(t0);
        batch.Set(SignalIds.Latitude, 481_371_540);
        batch.Set(SignalIds.Longitude, 115_761_240);
        batch.Set(SignalIds.Hdop, 95);
        batch.Set(SignalIds.SupplyVoltage, 14_100);
        batch.Set(SignalIds.ForPid(0x0C, 0), 8_000);
        batch.BeginRow(t0 + 1_000);
        batch.Set(SignalIds.ForPid(0x0D, 0), 57);
        batch.Set(SignalIds.ForPid(0x10, 0), 1_234);
        batch.Set(SignalIds.ForPid(0x05, 0), 90); // coolant: not read by any detector
        batch.BeginRow(t0 + 2_000);
        batch.Set(SignalIds.Latitude, 481_371_900);
        batch.Set(SignalIds.ForPid(0x2F, 0), 128);
        batch.Set(SignalIds.ForPid(0xA6, 0), 420_001);
        var buffer = new byte[4096];
        TelemetryMessage message = TelemetryDecoder.Decode(buffer.AsSpan(0, new TelemetryEncoder().Encode(batch, 1, buffer)).ToArray());

        SampleObservation[] fromColumns = ObservationReader.Samples(message);

        fromColumns.Should().Equal(message.Samples.Select(ObservationReader.Sample));
        fromColumns[0].Position!.Latitude.Should().BeApproximately(48.137154, 1e-9);
        fromColumns[0].Position!.Longitude.Should().BeApproximately(11.576124, 1e-9);
        fromColumns[0].Hdop.Should().BeApproximately(0.95, 1e-9);
        fromColumns[0].Should().BeEquivalentTo(new { SupplyVolts = 14.1, Rpm = 2_000.0, ObdSpeedKmh = (double?)null });
        fromColumns[1].Should().BeEquivalentTo(new { Position = (Place?)null, ObdSpeedKmh = 57.0 });
        fromColumns[1].MassAirFlowGramsPerSecond.Should().BeApproximately(12.34, 1e-9);
        fromColumns[2].Position.Should().BeNull("a latitude without a longitude is no position");
        fromColumns[2].FuelLevelPercent.Should().BeApproximately(50.2, 0.1);
        fromColumns[2].OdometerKm.Should().BeApproximately(42_000.1, 0.01);
    }
}
