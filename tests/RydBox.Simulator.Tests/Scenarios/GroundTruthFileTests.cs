using RydBox.Simulator.Routes;
using RydBox.Simulator.Scenarios;

namespace RydBox.Simulator.Tests.Scenarios;

/// <summary>Ground truth files: what is written is read back, and a damaged line is reported by file and line.</summary>
public sealed class GroundTruthFileTests(WorldFixture fixture) : IClassFixture<WorldFixture>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rydbox-truth-").FullName;

    [Fact]
    public void What_is_written_is_read_back_record_for_record()
    {
        GroundTruth played = ScenarioPlayer.Play(fixture.World, "commute", 21).Truth;
        GroundTruth everyKind = EveryKind();
        string path = Path.Combine(_directory, "truth.jsonl");

        GroundTruthFile.Write(path, [played, everyKind]);
        IReadOnlyList<GroundTruth> read = GroundTruthFile.Read(path);

        read.Should().HaveCount(2);
        ShouldEqual(read[0], played);
        ShouldEqual(read[1], everyKind);
    }

    [Fact]
    public void Each_vehicle_is_one_line_and_each_record_names_its_kind()
    {
        string path = Path.Combine(_directory, "truth.jsonl");

        GroundTruthFile.Write(path, [EveryKind(), new GroundTruth("box-2", "overnight", 2)]);

        string[] lines = File.ReadAllLines(path);
        lines.Should().HaveCount(2);
        foreach (string kind in new[] { "trip", "tow", "outage", "dtc", "low_battery", "speeding", "geofence", "no_sky" })
        {
            lines[0].Should().Contain($"\"kind\":\"{kind}\"");
        }

        lines[1].Should().Be("""{"deviceId":"box-2","scenario":"overnight","seed":2,"records":[]}""");
    }

    [Fact]
    public void Blank_lines_are_skipped()
    {
        string path = Path.Combine(_directory, "truth.jsonl");
        GroundTruthFile.Write(path, [EveryKind()]);
        File.WriteAllText(path, "\n" + File.ReadAllText(path) + "\n   \n");

        GroundTruthFile.Read(path).Should().ContainSingle().Which.Records.Should().HaveCount(EveryKind().Records.Count);
    }

    [Theory]
    [InlineData("""{"deviceId":"box-1","scenario":"commute","seed":1,"records":[""", "cut short")]
    [InlineData("""{"deviceId":"box-1","scenario":"commute","seed":1,"records":[{"kind":"flood","startUnixMs":1,"endUnixMs":2}]}""", "unknown kind")]
    [InlineData("""{"deviceId":"box-1","scenario":"commute","seed":1,"records":[{"startUnixMs":1,"endUnixMs":2}]}""", "no kind")]
    [InlineData("""null""", "null")]
    [InlineData("""[1, 2]""", "not an object")]
    [InlineData("""{"deviceId":"box-1","scenario":"commute","seed":1}""", "no records")]
    [InlineData("""{"scenario":"commute","seed":1,"records":[]}""", "no device")]
    public void A_damaged_line_is_reported_by_file_and_line(string damaged, string what)
    {
        string path = Path.Combine(_directory, "truth.jsonl");
        GroundTruthFile.Write(path, [EveryKind()]);
        File.AppendAllLines(path, [damaged]);

        Action read = () => GroundTruthFile.Read(path);

        read.Should().Throw<InvalidDataException>(what).WithMessage($"{path}:2: *");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static void ShouldEqual(GroundTruth actual, GroundTruth expected)
    {
        actual.DeviceId.Should().Be(expected.DeviceId);
        actual.Scenario.Should().Be(expected.Scenario);
        actual.Seed.Should().Be(expected.Seed);
        actual.Records.Should().NotBeEmpty().And.Equal(expected.Records);
    }

    private static GroundTruth EveryKind()
    {
        var here = new GeoPoint(48.3705123456789, 10.8978987654321, 481.25);
        var there = new GeoPoint(48.41, 10.95, 502.5);
        var truth = new GroundTruth("box-1", "mixed", -17);
        truth.Add(new TripTruth(1_700_000_000_100, 1_700_000_900_000, here, there, 12.345, 98.7, 0.812));
        truth.Add(new TowTruth(1_700_001_000_000, 1_700_001_600_000, there, here, 6.5));
        truth.Add(new OutageTruth(1_700_002_000_000, 1_700_002_600_000));
        truth.Add(new DtcTruth(1_700_003_000_000, "P0301", Cleared: false));
        truth.Add(new DtcTruth(1_700_003_100_000, "P0301", Cleared: true));
        truth.Add(new LowBatteryTruth(1_700_004_000_000, 1_700_005_000_000, 11.64));
        truth.Add(new SpeedingTruth(1_700_006_000_000, 1_700_006_100_000, 130, 166.2));
        truth.Add(new GeofenceTruth(1_700_007_000_000, 1_700_008_000_000, "home", here, 300));
        truth.Add(new NoSkyTruth(1_700_009_000_000, 1_700_009_030_000));
        return truth;
    }
}
