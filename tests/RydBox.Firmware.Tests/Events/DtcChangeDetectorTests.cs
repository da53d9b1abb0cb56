using RydBox.Firmware.Events;
using RydBox.Firmware.Obd;
using RydBox.Firmware.Obd.Services;
using RydBox.Firmware.Tests.Obd.Services;

namespace RydBox.Firmware.Tests.Events;

public class DtcChangeDetectorTests
{
    private const uint Engine = 0x7E8;
    private const uint Transmission = 0x7E9;

    private readonly EventLog _log = new();
    private readonly TableTransport _transport = new();
    private readonly ObdService _obd;
    private readonly TroubleCodes _codes = new(16);

    public DtcChangeDetectorTests() => _obd = new ObdService(_transport);

    /// <summary>Makes the ECUs report these stored codes (CAN format: 43, count, code bytes).</summary>
    private void Report(uint ecu, params ushort[] codes) =>
        _transport.Raw[(ecu, "03")] = [0x43, (byte)codes.Length, .. codes.SelectMany(c => new[] { (byte)(c >> 8), (byte)c })];

    private bool Read() => _obd.ReadDtcs(ObdService.StoredDtcs, _codes) == ObdStatus.Ok;

    private List<(BoxEventType Type, string? Code, long Ecu)> Changes() =>
        _log.Drain().Select(e => (e.Type, e.Detail, e.Value)).ToList();

    [Fact]
    public void One_event_per_code_that_appears_or_goes_away()
    {
        var detector = new DtcChangeDetector(16, reportCodesAtFirstRead: false, _log.Queue);
        Report(Engine, 0x0301);
        Report(Transmission);
        detector.Update(0, Read(), _codes);
        Changes().Should().BeEmpty("the first read is the baseline here");

        Report(Engine, 0x0301, 0x0171);
        Report(Transmission, 0x0700);
        detector.Update(1000, Read(), _codes);
        Changes().Should().BeEquivalentTo(new[]
        {
            (BoxEventType.DtcSet, "P0171", (long)Engine),
            (BoxEventType.DtcSet, "P0700", (long)Transmission),
        });

        detector.Update(2000, Read(), _codes);
        Changes().Should().BeEmpty("nothing changed");

        Report(Engine, 0x0171);
        Report(Transmission);
        detector.Update(3000, Read(), _codes);
        Changes().Should().BeEquivalentTo(new[]
        {
            (BoxEventType.DtcCleared, "P0301", (long)Engine),
            (BoxEventType.DtcCleared, "P0700", (long)Transmission),
        });
    }

    [Fact]
    public void Codes_present_at_the_first_read_are_reported_when_so_configured()
    {
        var detector = new DtcChangeDetector(16, reportCodesAtFirstRead: true, _log.Queue);
        Report(Engine, 0x0301, 0xC100);

        detector.Update(0, Read(), _codes);

        Changes().Select(c => c.Code).Should().Equal("P0301", "U0100");
    }

    [Fact]
    public void A_code_reported_by_two_ECUs_is_one_code()
    {
        var detector = new DtcChangeDetector(16, reportCodesAtFirstRead: true, _log.Queue);
        Report(Engine, 0xC100);
        Report(Transmission, 0xC100);

        detector.Update(0, Read(), _codes);
        Report(Transmission);
        detector.Update(1000, Read(), _codes);

        Changes().Should().ContainSingle().Which.Should().Be((BoxEventType.DtcSet, "U0100", (long)Engine));
    }

    [Fact]
    public void A_failed_or_malformed_read_clears_nothing()
    {
        var detector = new DtcChangeDetector(16, reportCodesAtFirstRead: false, _log.Queue);
        Report(Engine, 0x0301);
        detector.Update(0, Read(), _codes);

        _transport.ForcedStatus = ObdStatus.Timeout;
        detector.Update(1000, Read(), _codes);
        _transport.ForcedStatus = null;
        _transport.Raw[(Engine, "03")] = [0x43, 0x05, 0x03, 0x01];
        detector.Update(2000, Read(), _codes);
        Changes().Should().BeEmpty();

        Report(Engine);
        detector.Update(3000, Read(), _codes);
        Changes().Should().ContainSingle().Which.Type.Should().Be(BoxEventType.DtcCleared);
    }

    [Fact]
    public void An_unchanged_read_allocates_nothing()
    {
        var detector = new DtcChangeDetector(16, reportCodesAtFirstRead: false, _log.Queue);
        Report(Engine, 0x0301, 0x0171, 0x0420);
        Read();
        detector.Update(0, true, _codes);
        detector.Update(1, true, _codes);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            detector.Update(2 + i, true, _codes);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
        _log.Queue.Count.Should().Be(0);
    }
}
