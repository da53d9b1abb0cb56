using RydBox.Firmware.Obd.Pids;

namespace RydBox.Firmware.Tests.Obd.Pids;

public class PidDecodeTests
{
    private const double Tolerance = 1e-9;

    public static IEnumerable<PidExpectation> AllExpectations() =>
        PidExpectations00To3F.All().Concat(PidExpectations40To7F.All()).Concat(PidExpectations80ToC0.All());

    public static IEnumerable<object[]> Expectations() => AllExpectations().Select(e => new object[] { e });

    [Theory]
    [MemberData(nameof(Expectations))]
    public void Signal_decodes_hand_computed_J1979_values(PidExpectation expected)
    {
        PidDefinition row = PidTable.Find(expected.Pid)!;
        row.Should().NotBeNull();
        PidSignal signal = row.Signals.Should().ContainSingle(s => s.Name == expected.Name).Subject;

        signal.Unit.Should().Be(expected.Unit);
        signal.Minimum.Should().BeApproximately(expected.Min, Tolerance);
        signal.Maximum.Should().BeApproximately(expected.Max, Tolerance);
        foreach (var (hex, value) in expected.Samples)
        {
            byte[] data = PidExpectation.Bytes(hex);
            data.Length.Should().Be(row.ByteCount, "sample {0} carries exactly the PID's J1979 data bytes", hex);

            // Embed the data as a real response would carry it (41 <pid> A B ...) followed by junk,
            // so a decoder reading outside its own bytes gives a wrong value.
            byte[] response = new byte[] { 0x41, (byte)expected.Pid }.Concat(data).Concat(new byte[] { 0xAA, 0x55, 0xAA }).ToArray();
            signal.Decode(response, 2).Should().BeApproximately(value, Tolerance, "{0} from {1}", expected.Name, hex);
        }
    }

    [Fact]
    public void Every_signal_in_the_table_has_a_hand_computed_expectation()
    {
        var expected = AllExpectations().Select(e => (e.Pid, e.Name)).ToList();
        expected.Should().OnlyHaveUniqueItems();

        var actual = Enumerable.Range(0, PidTable.Count)
            .Select(PidTable.At)
            .SelectMany(row => row.Signals.Select(s => ((int)row.Pid, s.Name)))
            .ToList();

        actual.Should().BeEquivalentTo(expected);
    }

    [Fact]
    public void Decode_and_find_do_not_allocate()
    {
        byte[] response = { 0x41, 0x0C, 0x1A, 0xF8, 0x0D, 0x3C };
        PidSignal rpm = PidTable.Find(0x0C)!.Signals[0];
        PidSignal speed = PidTable.Find(0x0D)!.Signals[0];
        rpm.Decode(response, 2);

        long before = GC.GetAllocatedBytesForCurrentThread();
        double sum = 0;
        for (int i = 0; i < 1000; i++)
        {
            sum += rpm.Decode(response, 2) + speed.Decode(response, 4) + PidTable.Find(i & 0xFF)?.ByteCount ?? 0;
        }

        GC.GetAllocatedBytesForCurrentThread().Should().Be(before);
        sum.Should().BeGreaterThan(0);
    }
}
