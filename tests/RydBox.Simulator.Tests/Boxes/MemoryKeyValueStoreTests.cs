using RydBox.Simulator.Boxes;

namespace RydBox.Simulator.Tests.Boxes;

/// <summary>The virtual flash keeps the firmware's IKeyValueStore contract and survives the sampling and uplink threads at once.</summary>
public sealed class MemoryKeyValueStoreTests
{
    private readonly MemoryKeyValueStore _store = new();

    [Fact]
    public void A_missing_key_has_length_minus_one_and_reads_minus_one()
    {
        _store.Length("outbox-1").Should().Be(-1);
        _store.Read("outbox-1", new byte[4], 0, 4).Should().Be(-1);
        _store.Keys().Should().BeEmpty();
        _store.Bytes.Should().Be(0);
    }

    [Fact]
    public void Writes_the_slice_given_and_keeps_its_own_copy()
    {
        byte[] source = [9, 1, 2, 3, 9];
        _store.Write("seq", source, 1, 3);
        source[2] = 99;

        _store.Length("seq").Should().Be(3);
        byte[] read = new byte[5];
        _store.Read("seq", read, 1, 3).Should().Be(3);
        read.Should().Equal(0, 1, 2, 3, 0);
        _store.Bytes.Should().Be(3);
    }

    [Fact]
    public void Reads_hand_out_copies_of_at_most_what_was_asked()
    {
        _store.Write("cfg", [10, 20, 30, 40], 0, 4);

        byte[] part = new byte[2];
        _store.Read("cfg", part, 0, 2).Should().Be(2);
        part.Should().Equal(10, 20);

        byte[] whole = new byte[8];
        _store.Read("cfg", whole, 0, 8).Should().Be(4, "a larger buffer gets the whole value and its length");
        whole[0] = 77;
        byte[] again = new byte[4];
        _store.Read("cfg", again, 0, 4);
        again.Should().Equal(10, 20, 30, 40);
    }

    [Fact]
    public void A_write_replaces_and_a_delete_removes()
    {
        _store.Write("a", [1, 2, 3], 0, 3);
        _store.Write("b", [4], 0, 1);
        _store.Write("a", [5], 0, 1);

        _store.Length("a").Should().Be(1);
        _store.Keys().Should().BeEquivalentTo(["a", "b"]);
        _store.Bytes.Should().Be(2);

        _store.Delete("a");
        _store.Delete("never-there");

        _store.Length("a").Should().Be(-1);
        _store.Keys().Should().Equal("b");
    }

    [Fact]
    public void Two_threads_writing_reading_and_deleting_at_once_never_see_a_torn_value()
    {
        const int Rounds = 20_000;
        int torn = 0;
        void Work(byte mark, int length)
        {
            byte[] value = Enumerable.Repeat(mark, length).ToArray();
            byte[] buffer = new byte[64];
            for (int i = 0; i < Rounds; i++)
            {
                _store.Write("shared", value, 0, value.Length);
                _store.Write($"own-{mark}-{i % 10}", value, 0, value.Length);
                int read = _store.Read("shared", buffer, 0, buffer.Length);

                // Whichever thread wrote last, the value read is one whole write.
                bool whole = read switch
                {
                    16 => buffer.AsSpan(0, 16).IndexOfAnyExcept((byte)1) < 0,
                    48 => buffer.AsSpan(0, 48).IndexOfAnyExcept((byte)2) < 0,
                    _ => false,
                };
                if (!whole)
                {
                    Interlocked.Increment(ref torn);
                }

                if (i % 3 == 0)
                {
                    _store.Delete($"own-{mark}-{(i + 5) % 10}");
                }

                _ = _store.Keys();
            }

            _store.Write($"done-{mark}", value, 0, 1);
        }

        var one = new Thread(() => Work(1, 16));
        var two = new Thread(() => Work(2, 48));
        one.Start();
        two.Start();
        one.Join();
        two.Join();

        torn.Should().Be(0);
        _store.Keys().Should().Contain(["shared", "done-1", "done-2"]);
        _store.Length("shared").Should().BeOneOf(16, 48);

        // Each thread's own keys end as its writes and deletes, in its order, leave them: nothing lost, nothing revived.
        var expected = new SortedSet<string>(StringComparer.Ordinal);
        foreach (byte mark in new byte[] { 1, 2 })
        {
            for (int i = 0; i < Rounds; i++)
            {
                expected.Add($"own-{mark}-{i % 10}");
                if (i % 3 == 0)
                {
                    expected.Remove($"own-{mark}-{(i + 5) % 10}");
                }
            }
        }

        _store.Keys().Where(k => k.StartsWith("own-", StringComparison.Ordinal)).Should().BeEquivalentTo(expected);
    }
}
