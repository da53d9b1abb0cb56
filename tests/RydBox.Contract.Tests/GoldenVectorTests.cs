using RydBox.Firmware.Events;
using RydBox.Firmware.Wire;

namespace RydBox.Contract.Tests;

/// <summary>
/// Pinned bytes: the box's encoders must keep producing exactly these, and the contract must read
/// them as stated. A change here is a wire format change (WIRE-FORMAT.md, "Versioning").
/// </summary>
public class GoldenVectorTests
{
    // {0: 1, 1: 42, 2: 1715671800000, 3: [1000, 3], 4: [[0, [-2, 481371540, 120], [128, 8000, 12]], [5, [136, 50, 2]]]}
    private const string BatchHex = "A5000101182A021B0000018F760218C003821903E8030482830083211A1CB125941878831880191F400C8205831888183202";

    // {0: 1, 1: true, 2: "1.2.0", 3: 1715671800000, 4: "WVWZZZ1JZXW000001", 5: "ISO 15765-4 (CAN 11/500)", 6: h'8C0DC00080010000A2'}
    private const string OnlineHex = "A7000101F50265312E322E30031B0000018F760218C004715756575A5A5A314A5A585730303030303105781849534F2031353736352D34202843414E2031312F3530302906498C0DC00080010000A2";

    // Offline in the map form (boxes send the text "offline"), without a time.
    private const string OfflineHex = "A6000101F40265312E322E3004715756575A5A5A314A5A585730303030303105781849534F2031353736352D34202843414E2031312F3530302906498C0DC00080010000A2";

    // {0: 1, 1: 7, 2: "set_config", 3: {"apn": "iot.example", "gnss": true, "interval_ms": 1000}}
    private const string CommandHex = "A400010107026A7365745F636F6E66696703A36361706E6B696F742E6578616D706C6564676E7373F56B696E74657276616C5F6D731903E8";

    // {0: 1, 1: 7, 2: true, 4: {"dtcs": ["P0301", "P0420"], "count": 2, "ecu": "7E8"}}
    private const string AckHex = "A40001010702F504A364647463738265503033303165503034323065636F756E74026365637563374538";

    [Fact]
    public void Batch_bytes_are_pinned()
    {
        Convert.ToHexString(Samples.BatchPayload()).Should().Be(BatchHex);
    }

    [Fact]
    public void Batch_decodes_to_its_rows()
    {
        TelemetryMessage batch = TelemetryDecoder.Decode(Convert.FromHexString(BatchHex));

        batch.Version.Should().Be(1);
        batch.Sequence.Should().Be(42);
        batch.Samples.Select(s => s.UnixMilliseconds).Should().Equal(Samples.BaseTime, Samples.BaseTime + 1000, Samples.BaseTime + 2003);
        batch.Samples[0].Time.Should().Be(new DateTimeOffset(2024, 5, 14, 7, 30, 0, TimeSpan.Zero));
        batch.Samples.Select(s => s.Find(SignalIds.Latitude)!.Raw).Should().Equal(481_371_540, 481_371_660, 481_371_780);
        batch.Samples.Select(s => s.Find(Samples.Rpm)!.Raw).Should().Equal(8000, 8012, 8012);
        batch.Samples.Select(s => s.Find(Samples.Speed)?.Raw).Should().Equal(50, null, 52);

        SignalValue rpm = batch.Samples[1].Find(Samples.Rpm)!;
        rpm.Should().Be(new SignalValue(Samples.Rpm, "engine_rpm", "rpm", 8012, 2003));
        SignalValue latitude = batch.Samples[0].Find(SignalIds.Latitude)!;
        latitude.Name.Should().Be("latitude");
        latitude.Unit.Should().Be("deg");
        latitude.Value.Should().BeApproximately(48.137154, 1e-9);
        batch.Samples[2].Find(Samples.Speed)!.Should().Be(new SignalValue(Samples.Speed, "vehicle_speed", "km/h", 52, 52));
    }

    [Theory]
    [InlineData(BoxEventType.IgnitionOn, "A6000101182B0201031B0000018F76022C48041A1CB12594051A06E66058")]
    [InlineData(BoxEventType.IgnitionOff, "A6000101182B0202031B0000018F76022C48041A1CB12594051A06E66058")]
    [InlineData(BoxEventType.TowAlarmStarted, "A6000101182B0203031B0000018F76022C48041A1CB12594051A06E66058")]
    [InlineData(BoxEventType.TowAlarmEnded, "A6000101182B0204031B0000018F76022C48041A1CB12594051A06E66058")]
    [InlineData(BoxEventType.DtcSet, "A7000101182B0205031B0000018F76022C48041A1CB12594051A06E6605807655030333031")]
    [InlineData(BoxEventType.DtcCleared, "A7000101182B0206031B0000018F76022C48041A1CB12594051A06E6605807655030333031")]
    [InlineData(BoxEventType.LowBattery, "A7000101182B0207031B0000018F76022C48041A1CB12594051A06E6605806192D82")]
    [InlineData(BoxEventType.GnssFixLost, "A4000101182B0208031B0000018F76022C48")]
    [InlineData(BoxEventType.GnssFixRegained, "A6000101182B0209031B0000018F76022C48041A1CB12594051A06E66058")]
    [InlineData(BoxEventType.Reboot, "A5000101182B020A031B0000018F76022C48076862726F776E6F7574")]
    [InlineData(BoxEventType.PowerLoss, "A5000101182B020B031B0000018F76022C4806192D82")]
    [InlineData(BoxEventType.OutboxDropped, "A5000101182B020C031B0000018F76022C480611")]
    public void Event_bytes_are_pinned_and_decode_to_the_event(BoxEventType type, string hex)
    {
        Convert.ToHexString(Samples.EventPayload(type)).Should().Be(hex);

        BoxEvent expected = Samples.Event(type);
        EventMessage decoded = EventDecoder.Decode(Convert.FromHexString(hex));
        decoded.Sequence.Should().Be(43);
        decoded.Type.Should().Be(type);
        decoded.IsKnownType.Should().BeTrue();
        decoded.UnixMilliseconds.Should().Be(expected.UnixMilliseconds);
        decoded.Position.Should().Be(expected.HasPosition ? new GeoPoint(expected.LatitudeE7, expected.LongitudeE7) : null);
        decoded.Value.Should().Be(expected.Value);
        decoded.Detail.Should().Be(expected.Detail);
    }

    [Fact]
    public void Status_bytes_are_pinned_and_decode()
    {
        Convert.ToHexString(Samples.StatusPayload(online: true)).Should().Be(OnlineHex);
        Convert.ToHexString(Samples.StatusPayload(online: false)).Should().Be(OfflineHex);

        StatusMessage online = StatusDecoder.Decode(Convert.FromHexString(OnlineHex));
        online.Online.Should().BeTrue();
        online.FirmwareVersion.Should().Be("1.2.0");
        online.Time.Should().Be(new DateTimeOffset(2024, 5, 14, 7, 30, 0, TimeSpan.Zero));
        online.Vin.Should().Be("WVWZZZ1JZXW000001");
        online.Protocol.Should().Be("ISO 15765-4 (CAN 11/500)");
        online.SupportedPids.Should().Equal(0x00, 0x04, 0x05, 0x0C, 0x0D, 0x0F, 0x10, 0x11, 0x20, 0x2F, 0x40, 0x42, 0x46);

        StatusMessage will = StatusDecoder.Decode(Convert.FromHexString(OfflineHex));
        will.Online.Should().BeFalse();
        will.UnixMilliseconds.Should().BeNull("the will is published by the broker at a moment the box cannot know");
        will.SupportedPids.Should().Equal(online.SupportedPids);
    }

    [Fact]
    public void The_offline_will_is_the_cbor_text_offline_in_ascii_bytes()
    {
        byte[] buffer = new byte[16];
        int length = new StatusEncoder().EncodeOffline(buffer);

        Convert.ToHexString(buffer, 0, length).Should().Be("676F66666C696E65");
        buffer.Take(length).Should().OnlyContain(b => b < 0x80, "M2Mqtt sends a will as text");
        StatusMessage offline = StatusDecoder.Decode(buffer.AsMemory(0, length));
        offline.Online.Should().BeFalse();
        offline.UnixMilliseconds.Should().BeNull();
    }

    [Fact]
    public void Command_bytes_are_pinned_and_the_box_parses_them()
    {
        byte[] payload = Samples.CommandPayload();
        Convert.ToHexString(payload).Should().Be(CommandHex);

        var command = new BoxCommand();
        new CommandParser().Parse(payload, payload.Length, command).Should().Be(WireStatus.Ok);
        command.Id.Should().Be(7);
        command.Name.Should().BeSameAs(CommandNames.SetConfig);
        command.ArgumentCount.Should().Be(3);
        command.TryGetInt("interval_ms", out long interval).Should().BeTrue();
        interval.Should().Be(1000);
        command.TextOf("apn").Should().Be("iot.example");
        command.TryGetBool("gnss", out bool gnss).Should().BeTrue();
        gnss.Should().BeTrue();
    }

    [Fact]
    public void Ack_bytes_are_pinned_and_decode()
    {
        Convert.ToHexString(Samples.AckPayload()).Should().Be(AckHex);

        CommandAck ack = CommandAckDecoder.Decode(Convert.FromHexString(AckHex));
        ack.Id.Should().Be(7);
        ack.Ok.Should().BeTrue();
        ack.Error.Should().BeNull();
        ack.Result.Keys.Should().BeEquivalentTo("dtcs", "count", "ecu");
        ack.Result["dtcs"].List.Should().Equal("P0301", "P0420");
        ack.Result["count"].Number.Should().Be(2);
        ack.Result["ecu"].Text.Should().Be("7E8");
    }
}
