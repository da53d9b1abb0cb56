using RydBox.Simulator.Boxes;
using RydBox.Firmware.Outbox;

namespace RydBox.Firmware.Tests.Outbox;

public class OutboxAllocationTests
{
    [Fact]
    public void Peeking_the_same_entry_again_allocates_nothing()
    {
        var outbox = new PersistentOutbox(new MemoryKeyValueStore(), new OutboxOptions());
        byte[] payload = new byte[300];
        outbox.Append(OutboxEntryKind.Telemetry, 1, payload, 0, payload.Length).Should().BeTrue();
        var entry = new OutboxEntry(outbox.MaxPayloadBytes);
        outbox.TryPeekOldest(entry).Should().BeTrue();

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            outbox.TryPeekOldest(entry);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        allocated.Should().Be(0, "a publish retried after a failed connection re-reads the entry in place");
    }

    [Fact]
    public void Appending_allocates_only_the_key_name()
    {
        var store = new MemoryKeyValueStore();
        var outbox = new PersistentOutbox(store, new OutboxOptions { MaxEntries = 8, CapacityBytes = 8 * 1024, MaxPayloadBytes = 1000 });
        byte[] payload = new byte[1000];
        for (int i = 0; i < 20; i++)
        {
            outbox.Append(OutboxEntryKind.Telemetry, i + 1, payload, 0, payload.Length);
        }

        const int appends = 50;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < appends; i++)
        {
            outbox.Append(OutboxEntryKind.Telemetry, 100 + i, payload, 0, payload.Length);
        }

        long perAppend = (GC.GetAllocatedBytesForCurrentThread() - before) / appends;

        // The in-memory store copies the 1020-byte record and the 20-byte dropped-count record (plus
        // array headers and a node of its concurrent dictionary per write); what the outbox itself
        // adds is the new key's and the dropped key's names.
        perAppend.Should().BeLessThan(1020 + 20 + 2 * 24 + 2 * 40 + 2 * 40);
    }
}
