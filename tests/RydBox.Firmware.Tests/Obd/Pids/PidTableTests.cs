using RydBox.Firmware.Obd.Pids;

namespace RydBox.Firmware.Tests.Obd.Pids;

public class PidTableTests
{
    private static readonly int[] Bitmaps = { 0x00, 0x20, 0x40, 0x60, 0x80, 0xA0, 0xC0 };

    /// <summary>Rows kept only for their length (no formula agreed on), with their J1979 byte counts.</summary>
    private static readonly Dictionary<int, int> LengthOnly = new()
    {
        [0x7B] = 7, [0x81] = 21, [0x82] = 21, [0x88] = 13, [0x89] = 41, [0x8A] = 41, [0x8B] = 7, [0x8C] = 17,
        [0x90] = 3, [0x91] = 5, [0x93] = 3, [0x94] = 12, [0x9B] = 4, [0x9C] = 17, [0x9F] = 9, [0xA3] = 9, [0xA5] = 4,
    };

    /// <summary>
    /// Deliberately absent up to A6: 95–97 are reserved; the others have a length that differs
    /// between J1979 revisions, and a guessed length would misplace every PID after them.
    /// </summary>
    private static readonly int[] IntentionallyUnsupported =
        { 0x6D, 0x6E, 0x77, 0x7A, 0x83, 0x8F, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9A, 0x9D, 0xA1 };

    private static IEnumerable<PidDefinition> Rows() => Enumerable.Range(0, PidTable.Count).Select(PidTable.At);

    [Fact]
    public void Table_covers_00_to_A6_except_the_intentional_gaps_and_nothing_else_but_C0()
    {
        var expected = Enumerable.Range(0, 0xA7).Except(IntentionallyUnsupported).Append(0xC0);
        Rows().Select(r => (int)r.Pid).Should().Equal(expected, "rows are listed in ascending PID order");
    }

    [Fact]
    public void Find_returns_each_row_by_pid_and_null_elsewhere()
    {
        foreach (PidDefinition row in Rows())
        {
            PidTable.Find(row.Pid).Should().BeSameAs(row);
        }

        foreach (int pid in IntentionallyUnsupported.Concat(new[] { 0xA7, 0xBF, 0xC1, 0xFF, -1, 256, int.MaxValue }))
        {
            PidTable.Find(pid).Should().BeNull("PID {0:X2} is not in the table", pid);
        }
    }

    [Fact]
    public void No_signal_reads_past_its_rows_byte_count()
    {
        foreach (PidDefinition row in Rows())
        {
            row.ByteCount.Should().BePositive();
            foreach (PidSignal signal in row.Signals)
            {
                signal.BytesRead.Should().BeLessThanOrEqualTo(row.ByteCount, "{0} in PID {1:X2}", signal.Name, row.Pid);
            }
        }
    }

    [Fact]
    public void Signal_names_are_unique_snake_case_keys()
    {
        var names = Rows().SelectMany(r => r.Signals).Select(s => s.Name).ToList();
        names.Should().OnlyHaveUniqueItems();
        names.Should().AllSatisfy(n => n.Should().MatchRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$"));
    }

    [Fact]
    public void Bitmaps_are_four_bytes_without_signals()
    {
        foreach (int pid in Bitmaps)
        {
            PidDefinition row = PidTable.Find(pid)!;
            row.ByteCount.Should().Be(4);
            row.Signals.Should().BeEmpty();
        }
    }

    [Fact]
    public void Length_only_rows_carry_their_J1979_byte_count_and_no_signals()
    {
        foreach (var (pid, bytes) in LengthOnly)
        {
            PidDefinition row = PidTable.Find(pid)!;
            row.ByteCount.Should().Be(bytes, "PID {0:X2}", pid);
            row.Signals.Should().BeEmpty();
        }

        Rows().Where(r => r.Signals.Length == 0).Select(r => (int)r.Pid)
            .Should().BeEquivalentTo(Bitmaps.Concat(LengthOnly.Keys), "every other row decodes something");
    }

    [Fact]
    public void Every_row_has_a_description()
    {
        Rows().Should().AllSatisfy(r => r.Description.Should().NotBeNullOrWhiteSpace());
    }

    [Fact]
    public void A_multi_pid_response_can_be_walked_across_pids_without_numeric_signals()
    {
        // 41 | 01: 4 bytes | 03: 2 bytes | 0C: rpm | 88: 13 bytes, length only | 0D: speed
        byte[] response = PidExpectation.Bytes(
            "41 01 81076504 03 0200 0C 1AF8 88 00112233445566778899AABBCC 0D 3C");
        var seen = new List<(int Pid, int Offset)>();
        int at = 1;
        while (at < response.Length)
        {
            PidDefinition row = PidTable.Find(response[at])!;
            seen.Add((row.Pid, at + 1));
            at += 1 + row.ByteCount;
        }

        at.Should().Be(response.Length);
        seen.Select(s => s.Pid).Should().Equal(0x01, 0x03, 0x0C, 0x88, 0x0D);
        PidTable.Find(0x0C)!.Signals[0].Decode(response, seen[2].Offset).Should().Be(1726);
        PidTable.Find(0x0D)!.Signals[0].Decode(response, seen[4].Offset).Should().Be(60);
    }
}
