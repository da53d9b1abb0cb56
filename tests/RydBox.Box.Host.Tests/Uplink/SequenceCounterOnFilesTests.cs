using RydBox.Box.Host.Storage;
using RydBox.Firmware.Outbox;

namespace RydBox.Box.Host.Tests.Uplink;

public sealed class SequenceCounterOnFilesTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Numbers_keep_increasing_across_reboots_even_when_the_outbox_was_emptied()
    {
        var issued = new List<long>();
        for (int boot = 0; boot < 5; boot++)
        {
            var store = new FileKeyValueStore(_directory.Path);
            var counter = new SequenceCounter(store, reservationBlock: 8);
            var outbox = new PersistentOutbox(store, new OutboxOptions());
            for (int message = 0; message < 5 + boot * 4; message++)
            {
                long sequence = counter.Next();
                outbox.Append(OutboxEntryKind.Telemetry, sequence, [1, 2, 3], 0, 3).Should().BeTrue();
                outbox.RemoveOldest(sequence).Should().BeTrue("the broker acknowledged it at once");
                issued.Add(sequence);
            }

            outbox.Count.Should().Be(0);
        }

        issued.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        issued[0].Should().Be(1);
    }

    [Fact]
    public void Numbers_are_reserved_in_blocks_rather_than_written_per_message()
    {
        var store = new TearingStore(_directory.Path);
        var counter = new SequenceCounter(store, reservationBlock: 100);

        for (int i = 0; i < 250; i++)
        {
            counter.Next();
        }

        store.Writes.Should().Be(3);
    }

    [Fact]
    public void A_reservation_torn_by_a_power_cut_does_not_bring_back_issued_numbers()
    {
        for (int keptBytes = 0; keptBytes < 20; keptBytes += 3)
        {
            using var directory = new TemporaryDirectory();
            var store = new TearingStore(directory.Path);
            var counter = new SequenceCounter(store, reservationBlock: 4);
            var issued = new List<long>();
            for (int i = 0; i < 10; i++)
            {
                issued.Add(counter.Next());
            }

            // The 13th number needs a new reservation; the power fails while it is written, so
            // that number is never handed out.
            issued.Add(counter.Next());
            issued.Add(counter.Next());
            store.TearNextWrite(key => key.StartsWith("seq", StringComparison.Ordinal), keptBytes);
            Action cut = () => counter.Next();
            cut.Should().NotThrow("the counter survives a failing store");
            store.TornKey.Should().NotBeNull();

            var rebooted = new SequenceCounter(new FileKeyValueStore(directory.Path), reservationBlock: 4);
            long next = rebooted.Next();

            next.Should().BeGreaterThan(issued.Max(), $"with {keptBytes} bytes of the torn record left");
        }
    }

    [Fact]
    public void A_garbled_older_record_is_ignored_in_favour_of_the_newer_one()
    {
        var counter = new SequenceCounter(new FileKeyValueStore(_directory.Path), reservationBlock: 4);
        long last = 0;
        for (int i = 0; i < 6; i++)
        {
            last = counter.Next();
        }

        // Two reservations were written (at 1 and at 5), one per key; garble the older one.
        string older = new[] { "seq-a", "seq-b" }.Select(_directory.File).OrderBy(File.GetLastWriteTimeUtc).First();
        File.WriteAllBytes(older, [0x52, 0x43, 0xFF]);

        new SequenceCounter(new FileKeyValueStore(_directory.Path), reservationBlock: 4).Next().Should().BeGreaterThan(last);
    }

    [Fact]
    public void Advancing_past_the_outbox_repairs_a_lost_counter()
    {
        var store = new FileKeyValueStore(_directory.Path);
        var outbox = new PersistentOutbox(store, new OutboxOptions());
        outbox.Append(OutboxEntryKind.Event, 500, [7], 0, 1).Should().BeTrue();

        var reopened = new PersistentOutbox(store, new OutboxOptions());
        var counter = new SequenceCounter(store);
        counter.AdvancePast(reopened.HighestSequence);

        counter.Next().Should().Be(501);
    }
}
