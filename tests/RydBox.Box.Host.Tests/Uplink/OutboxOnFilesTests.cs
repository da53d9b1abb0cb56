using System.Text;
using RydBox.Box.Host.Storage;
using RydBox.Firmware.Outbox;

namespace RydBox.Box.Host.Tests.Uplink;

/// <summary>The persistent outbox over real files, reopened the way a reboot reopens it.</summary>
public sealed class OutboxOnFilesTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Entries_come_back_oldest_first_with_kind_and_payload_after_a_reopen()
    {
        PersistentOutbox outbox = Open();
        Append(outbox, OutboxEntryKind.Telemetry, 10, "batch 10");
        Append(outbox, OutboxEntryKind.Event, 11, "event 11");
        Append(outbox, OutboxEntryKind.Telemetry, 12, "batch 12");

        PersistentOutbox reopened = Open();

        reopened.Count.Should().Be(3);
        reopened.StoredBytes.Should().Be(outbox.StoredBytes);
        reopened.HighestSequence.Should().Be(12);
        Drain(reopened).Should().Equal(
            (OutboxEntryKind.Telemetry, 10L, "batch 10"),
            (OutboxEntryKind.Event, 11L, "event 11"),
            (OutboxEntryKind.Telemetry, 12L, "batch 12"));
        Open().Count.Should().Be(0, "removed entries stay removed");
    }

    [Fact]
    public void An_entry_stays_until_the_oldest_sequence_is_acknowledged()
    {
        PersistentOutbox outbox = Open();
        Append(outbox, OutboxEntryKind.Telemetry, 1, "first");
        Append(outbox, OutboxEntryKind.Telemetry, 2, "second");
        var entry = new OutboxEntry(outbox.MaxPayloadBytes);

        outbox.TryPeekOldest(entry).Should().BeTrue();
        outbox.TryPeekOldest(entry).Should().BeTrue();
        entry.Sequence.Should().Be(1, "peeking does not consume");
        outbox.RemoveOldest(2).Should().BeFalse("only the oldest entry can be acknowledged");
        outbox.Count.Should().Be(2);

        Open().Count.Should().Be(2, "nothing was acknowledged before the reboot");
        outbox.RemoveOldest(1).Should().BeTrue();
        outbox.TryPeekOldest(entry).Should().BeTrue();
        entry.Sequence.Should().Be(2);
        Open().Count.Should().Be(1);
    }

    [Fact]
    public void A_full_outbox_drops_the_oldest_and_the_dropped_count_survives_a_reboot_until_taken()
    {
        // Each entry below stores 20 header bytes + 30 payload bytes: three fit in 160 bytes.
        var options = new OutboxOptions { CapacityBytes = 160, MaxPayloadBytes = 40 };
        PersistentOutbox outbox = Open(options);
        for (long sequence = 1; sequence <= 5; sequence++)
        {
            Append(outbox, OutboxEntryKind.Telemetry, sequence, $"payload {sequence}".PadRight(30, '.'));
        }

        outbox.Count.Should().Be(3);
        outbox.StoredBytes.Should().Be(150);
        outbox.DroppedSinceStart.Should().Be(2);
        _directory.EntryFiles().Should().HaveCount(3, "dropped entries are deleted from the store");

        PersistentOutbox reopened = Open(options);
        reopened.PendingDroppedCount.Should().Be(2);
        Drain(reopened).Select(e => e.Sequence).Should().Equal(3, 4, 5);
        reopened.TakeDroppedCount().Should().Be(2);
        reopened.TakeDroppedCount().Should().Be(0);
        Open(options).PendingDroppedCount.Should().Be(0, "a taken count is not reported twice");
    }

    [Fact]
    public void The_entry_limit_drops_the_oldest_too()
    {
        var options = new OutboxOptions { MaxEntries = 4 };
        PersistentOutbox outbox = Open(options);
        for (long sequence = 1; sequence <= 6; sequence++)
        {
            Append(outbox, OutboxEntryKind.Event, sequence, "e");
        }

        outbox.Count.Should().Be(4);
        outbox.TakeDroppedCount().Should().Be(2);
        Drain(Open(options)).Select(e => e.Sequence).Should().Equal(3, 4, 5, 6);
    }

    [Fact]
    public void Reopening_with_a_smaller_capacity_drops_the_oldest_and_counts_them()
    {
        PersistentOutbox outbox = Open();
        for (long sequence = 1; sequence <= 5; sequence++)
        {
            Append(outbox, OutboxEntryKind.Telemetry, sequence, new string('x', 30));
        }

        PersistentOutbox smaller = Open(new OutboxOptions { CapacityBytes = 100, MaxPayloadBytes = 40 });

        smaller.PendingDroppedCount.Should().Be(3);
        Drain(smaller).Select(e => e.Sequence).Should().Equal(4, 5);
    }

    [Fact]
    public void Torn_and_garbled_entries_are_discarded_at_start_without_touching_the_others()
    {
        PersistentOutbox outbox = Open();
        for (long sequence = 1; sequence <= 6; sequence++)
        {
            Append(outbox, OutboxEntryKind.Telemetry, sequence, $"batch number {sequence}");
        }

        string[] files = _directory.EntryFiles();
        byte[] second = File.ReadAllBytes(files[1]);
        File.WriteAllBytes(files[1], second[..(second.Length / 2)]);
        File.WriteAllBytes(files[2], []);
        byte[] fourth = File.ReadAllBytes(files[3]);
        fourth[^3] ^= 0x20;
        File.WriteAllBytes(files[3], fourth);
        byte[] fifth = File.ReadAllBytes(files[4]);
        File.WriteAllBytes(files[4], fifth[..10]);
        File.WriteAllText(_directory.File("config"), "not an outbox entry");
        File.WriteAllText(_directory.File("ob12x"), "not an outbox entry either");

        PersistentOutbox reopened = Open();

        reopened.CorruptEntriesDiscarded.Should().Be(4);
        Drain(reopened).Should().Equal(
            (OutboxEntryKind.Telemetry, 1L, "batch number 1"),
            (OutboxEntryKind.Telemetry, 6L, "batch number 6"));
        files[1..5].Should().OnlyContain(f => !File.Exists(f), "torn entries are deleted");
        File.ReadAllText(_directory.File("config")).Should().Be("not an outbox entry", "keys the outbox does not own are left alone");
        File.Exists(_directory.File("ob12x")).Should().BeTrue();
    }

    [Fact]
    public void An_entry_garbled_after_start_is_skipped_when_read()
    {
        PersistentOutbox outbox = Open();
        Append(outbox, OutboxEntryKind.Telemetry, 1, "first");
        Append(outbox, OutboxEntryKind.Telemetry, 2, "second");
        string first = _directory.EntryFiles()[0];
        byte[] bytes = File.ReadAllBytes(first);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(first, bytes);

        var entry = new OutboxEntry(outbox.MaxPayloadBytes);
        outbox.TryPeekOldest(entry).Should().BeTrue();

        entry.Sequence.Should().Be(2);
        outbox.CorruptEntriesDiscarded.Should().Be(1);
        File.Exists(first).Should().BeFalse();
    }

    [Fact]
    public void A_payload_larger_than_the_limit_is_refused_without_storing_anything()
    {
        PersistentOutbox outbox = Open(new OutboxOptions { MaxPayloadBytes = 16 });

        outbox.Append(OutboxEntryKind.Telemetry, 1, new byte[17], 0, 17).Should().BeFalse();
        outbox.Append((OutboxEntryKind)9, 1, new byte[4], 0, 4).Should().BeFalse();

        outbox.Count.Should().Be(0);
        _directory.EntryFiles().Should().BeEmpty();
    }

    [Fact]
    public void New_entries_after_a_reopen_sort_after_the_recovered_ones()
    {
        PersistentOutbox outbox = Open();
        for (long sequence = 1; sequence <= 12; sequence++)
        {
            Append(outbox, OutboxEntryKind.Telemetry, sequence, "s" + sequence);
        }

        for (long sequence = 1; sequence <= 9; sequence++)
        {
            outbox.RemoveOldest(sequence).Should().BeTrue();
        }

        PersistentOutbox reopened = Open();
        Append(reopened, OutboxEntryKind.Event, 13, "s13");

        Drain(Open()).Select(e => e.Sequence).Should().Equal(10, 11, 12, 13);
    }

    [Fact]
    public void Appending_and_draining_on_two_threads_keeps_order_and_loses_nothing_but_the_counted_drops()
    {
        var options = new OutboxOptions { CapacityBytes = 20 * 70, MaxPayloadBytes = 64 };
        PersistentOutbox outbox = Open(options);
        const int total = 400;
        var received = new List<long>();
        int refused = 0;
        var sampler = new Thread(() =>
        {
            for (long sequence = 1; sequence <= total; sequence++)
            {
                byte[] payload = Encoding.ASCII.GetBytes("sample " + sequence);
                if (!outbox.Append(OutboxEntryKind.Telemetry, sequence, payload, 0, payload.Length))
                {
                    refused++;
                }
            }
        });

        sampler.Start();
        var entry = new OutboxEntry(outbox.MaxPayloadBytes);
        while (sampler.IsAlive || outbox.Count > 0)
        {
            if (outbox.TryPeekOldest(entry) && outbox.RemoveOldest(entry.Sequence))
            {
                Encoding.ASCII.GetString(entry.Buffer, entry.PayloadOffset, entry.PayloadLength).Should().Be("sample " + entry.Sequence);
                received.Add(entry.Sequence);
            }
        }

        sampler.Join();
        refused.Should().Be(0);
        received.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        (received.Count + outbox.TakeDroppedCount()).Should().Be(total);
        outbox.CorruptEntriesDiscarded.Should().Be(0);
    }

    private PersistentOutbox Open(OutboxOptions? options = null) =>
        new(new FileKeyValueStore(_directory.Path), options ?? new OutboxOptions());

    private static void Append(PersistentOutbox outbox, OutboxEntryKind kind, long sequence, string text)
    {
        byte[] payload = Encoding.ASCII.GetBytes(text);
        outbox.Append(kind, sequence, payload, 0, payload.Length).Should().BeTrue();
    }

    private static List<(OutboxEntryKind Kind, long Sequence, string Text)> Drain(PersistentOutbox outbox)
    {
        var entries = new List<(OutboxEntryKind, long, string)>();
        var entry = new OutboxEntry(outbox.MaxPayloadBytes);
        while (outbox.TryPeekOldest(entry))
        {
            entries.Add((entry.Kind, entry.Sequence, Encoding.ASCII.GetString(entry.Buffer, entry.PayloadOffset, entry.PayloadLength)));
            outbox.RemoveOldest(entry.Sequence).Should().BeTrue();
        }

        return entries;
    }
}
