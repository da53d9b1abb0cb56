using RydBox.Benchmarks.Events;

namespace RydBox.Simulator.Tests.Accuracy;

/// <summary>
/// The event-accuracy benchmark's harness end to end on a tiny run: real boxes play the towed
/// scenario and two parked nights, their captured messages go through the gateway's decoding and
/// detectors, and the table counts against the ground truth. Accuracy itself is the benchmark's to
/// report; this checks that the harness sees what the truth says happened and prints it.
/// </summary>
public sealed class EventAccuracySmokeTests
{
    [Fact]
    public void A_towed_drive_and_two_parked_nights_are_played_detected_scored_and_printed()
    {
        var options = new AccuracyOptions { Seeds = 1, Nights = 2, Scenarios = ["towed"], Parallel = 2 };

        AccuracyResult result = EventAccuracyBenchmark.Measure(options, _ => { });

        result.Drives.Should().Be(1);
        result.Nights.Should().Be(2);
        Score towing = result.Scenarios.Rows().Single(r => r.Row == "towing found").Score;
        (towing.TruePositives + towing.FalseNegatives).Should().Be(1, "the towed scenario tows the vehicle once");
        result.Late.Counter(LateComparison.Drives).Should().Be(3, "every drive and night is detected both ways");
        result.Played.Counter(AccuracyReport.Messages).Should().BeGreaterThan(30, "the boxes published their data to the capturing link");
        result.Played.Counter(AccuracyReport.SimulatedMilliseconds).Should().BeGreaterThan(2 * 10 * 3_600_000L, "two nights of ten hours and more were played");

        var printed = new StringWriter();
        AccuracyReport.Write(result, printed);
        printed.ToString().Should().Contain("| towing found | 1 |").And.Contain("Part b: 2 parked vehicle-nights");
    }
}
