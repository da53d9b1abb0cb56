namespace RydBox.Contract.Tests;

public class WireTopicsTests
{
    [Theory]
    [InlineData(TopicKind.Telemetry, "rydbox/v1/box-0042/telemetry")]
    [InlineData(TopicKind.Event, "rydbox/v1/box-0042/event")]
    [InlineData(TopicKind.Status, "rydbox/v1/box-0042/status")]
    [InlineData(TopicKind.Command, "rydbox/v1/box-0042/cmd")]
    [InlineData(TopicKind.CommandAck, "rydbox/v1/box-0042/cmd/ack")]
    public void Topics_are_built_and_parsed_back(TopicKind kind, string topic)
    {
        WireTopics.Build("box-0042", kind).Should().Be(topic);
        WireTopics.Parse(topic).Should().Be(new DeviceTopic("box-0042", kind));
    }

    [Fact]
    public void Filters_match_every_device()
    {
        WireTopics.Filter(TopicKind.Telemetry).Should().Be("rydbox/v1/+/telemetry");
        WireTopics.Filter(TopicKind.CommandAck).Should().Be("rydbox/v1/+/cmd/ack");
    }

    [Theory]
    [InlineData("rydbox/v2/box/telemetry", "does not start with")]
    [InlineData("rydbox/v1/box", "no kind")]
    [InlineData("rydbox/v1//telemetry", "not a device id")]
    [InlineData("rydbox/v1/+/telemetry", "not a device id")]
    [InlineData("rydbox/v1/box#1/event", "not a device id")]
    [InlineData("rydbox/v1/box/telemetry/extra", "unknown kind")]
    [InlineData("rydbox/v1/box/cmd/nack", "unknown kind")]
    [InlineData("rydbox/v1/box/Telemetry", "unknown kind")]
    [InlineData("", "does not start with")]
    public void Other_topics_are_refused_with_a_reason(string topic, string reason)
    {
        WireTopics.TryParse(topic, out DeviceTopic? parsed, out string why).Should().BeFalse();
        parsed.Should().BeNull();
        why.Should().Contain(reason);
        FluentActions.Invoking(() => WireTopics.Parse(topic)).Should().Throw<WireFormatException>()
            .Which.Reason.Should().Be(WireError.InvalidTopic);
    }

    [Fact]
    public void Device_ids_that_would_break_a_topic_are_refused_when_building()
    {
        foreach (string bad in new[] { "", "a/b", "+", "#", new string('a', 65), "bö" })
        {
            FluentActions.Invoking(() => WireTopics.Build(bad, TopicKind.Status)).Should().Throw<ArgumentException>(bad);
        }

        WireTopics.Build(new string('a', 64), TopicKind.Status).Should().EndWith("/status");
    }
}
