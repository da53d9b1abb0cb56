using RydBox.Firmware.Events;
using RydBox.Firmware.Wire;

namespace RydBox.Contract.Tests;

/// <summary>The box encodes in its steady-state loop, where the device's slow GC must find nothing to do.</summary>
public class AllocationTests
{
    private readonly byte[] _buffer = new byte[4096];

    [Fact]
    public void Encoding_a_batch_allocates_nothing_once_warm()
    {
        var encoder = new TelemetryEncoder();
        TelemetryBatch batch = Samples.Batch();
        AllocatedBy(() => encoder.Encode(batch, 42, _buffer)).Should().Be(0);
    }

    [Fact]
    public void Encoding_events_and_statuses_allocates_nothing_once_warm()
    {
        var events = new EventEncoder();
        BoxEvent dtc = Samples.Event(BoxEventType.DtcSet);
        AllocatedBy(() => events.Encode(dtc, 43, _buffer)).Should().Be(0);

        var statuses = new StatusEncoder();
        BoxStatus status = Samples.Status(online: true);
        AllocatedBy(() => statuses.Encode(status, _buffer)).Should().Be(0);
    }

    [Fact]
    public void Answering_a_ping_and_listing_trouble_codes_allocate_nothing_once_warm()
    {
        var parser = new CommandParser();
        var command = new BoxCommand();
        byte[] ping = CommandEncoder.Encode(5, CommandNames.Ping);
        AllocatedBy(() => parser.Parse(ping, ping.Length, command) == WireStatus.Ok ? 1 : 0).Should().Be(0);

        var acks = new CommandAckEncoder();
        char[] code = "P0301".ToCharArray();
        AllocatedBy(() =>
        {
            acks.Begin(_buffer, command.Id, true, null);
            acks.BeginList("dtcs");
            for (int i = 0; i < 30; i++)
            {
                acks.AddListItem(code, 0, code.Length);
            }

            acks.EndList();
            acks.AddInt("count", 30);
            return acks.Finish();
        }).Should().Be(0);
    }

    /// <summary>Bytes allocated by the second of two calls; the first warms up (JIT, statics, lazily sized buffers).</summary>
    private static long AllocatedBy(Func<int> encode)
    {
        encode().Should().BePositive();
        long before = GC.GetAllocatedBytesForCurrentThread();
        int length = encode();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        length.Should().BePositive();
        return allocated;
    }
}
