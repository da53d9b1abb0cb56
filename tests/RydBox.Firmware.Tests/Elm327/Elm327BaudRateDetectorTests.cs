using RydBox.Firmware.Elm327;
using RydBox.Firmware.Hardware;
using RydBox.Firmware.Tests.Support;

namespace RydBox.Firmware.Tests.Elm327;

public class Elm327BaudRateDetectorTests
{
    /// <summary>An adapter on a UART: clean text at its own rate, noise (sometimes with a '>') at others.</summary>
    private sealed class UartAdapter(ManualClock clock, int rate) : FakeSerialDevice(clock), IBaudRateControl
    {
        public int BaudRate { get; set; }

        public List<int> Tried { get; } = new();

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (!Tried.Contains(BaudRate))
            {
                Tried.Add(BaudRate);
            }

            string line = System.Text.Encoding.ASCII.GetString(buffer, offset, count);
            byte[] answer = BaudRate != rate
                ? new byte[] { 0xF8, 0x80, 0x3E }
                : System.Text.Encoding.ASCII.GetBytes(line == "ATI\r" ? "ATI\rELM327 v1.5\r\r>" : "?\r\r>");
            Send(answer, 5);
        }
    }

    private static (int Found, UartAdapter Adapter) Detect(int actualRate)
    {
        var clock = new ManualClock();
        var adapter = new UartAdapter(clock, actualRate);
        int found = new Elm327BaudRateDetector(new Elm327Link(adapter, clock), adapter).Detect();
        return (found, adapter);
    }

    [Fact]
    public void Adapter_at_38400_is_found_first_try()
    {
        var (found, adapter) = Detect(38400);
        found.Should().Be(38400);
        adapter.BaudRate.Should().Be(38400);
        adapter.Tried.Should().Equal(38400);
    }

    [Fact]
    public void Adapter_at_115200_is_found_after_noise_at_38400_and_9600()
    {
        var (found, adapter) = Detect(115200);
        found.Should().Be(115200);
        adapter.BaudRate.Should().Be(115200);
        adapter.Tried.Should().Equal(38400, 9600, 115200);
    }

    [Fact]
    public void No_working_rate_returns_zero()
    {
        var (found, adapter) = Detect(19200);
        found.Should().Be(0);
        adapter.Tried.Should().Equal(Elm327BaudRates.Candidates);
    }
}
