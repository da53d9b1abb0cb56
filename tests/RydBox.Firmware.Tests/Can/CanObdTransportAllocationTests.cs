using RydBox.Firmware.Can;
using RydBox.Firmware.Hardware;
using RydBox.Firmware.Obd;
using RydBox.Firmware.Tests.Support;

namespace RydBox.Firmware.Tests.Can;

public class CanObdTransportAllocationTests
{
    /// <summary>
    /// Replays a fixed multi-frame answer (a VIN from 7E8 and a PID from 7E9) after every request,
    /// from preallocated frames, so that any allocation measured is the transport's own.
    /// </summary>
    private sealed class ReplayPort : ICanPort
    {
        private readonly ManualClock _clock;
        private readonly CanFrame[] _answer;
        private int _next;

        public ReplayPort(ManualClock clock)
        {
            _clock = clock;
            _answer =
            [
                Frame(0x7E8, "10 14 49 02 01 31 48 47"),
                Frame(0x7E9, "04 41 0C 1A F8 55 55 55"),
                Frame(0x7E8, "21 43 4D 38 32 36 33 33"),
                Frame(0x7E8, "22 41 30 30 34 33 35 32"),
            ];
            _next = _answer.Length;
        }

        public int FlowControls { get; private set; }

        private static CanFrame Frame(uint id, string hex)
        {
            var frame = new CanFrame { Id = id, Length = 8 };
            Convert.FromHexString(hex.Replace(" ", "")).CopyTo(frame.Data, 0);
            return frame;
        }

        public void Send(CanFrame frame)
        {
            if (frame.Id == ObdAddressing.FunctionalRequest11Bit)
            {
                _next = 0;
            }
            else
            {
                FlowControls++;
            }
        }

        public bool Receive(CanFrame into, int timeoutMilliseconds)
        {
            if (_next == _answer.Length)
            {
                _clock.Advance(timeoutMilliseconds);
                return false;
            }

            _clock.Advance(1);
            into.CopyFrom(_answer[_next++]);
            return true;
        }
    }

    [Fact]
    public void Steady_state_requests_allocate_nothing()
    {
        var clock = new ManualClock();
        var port = new ReplayPort(clock);
        var transport = new CanObdTransport(port, clock, new CanObdOptions());
        var responses = new ObdResponseSet();
        byte[] request = [0x09, 0x02];
        transport.Request(ObdAddressing.Functional, request, 2, 2, responses);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++)
        {
            transport.Request(ObdAddressing.Functional, request, 2, 2, responses);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.Should().Be(0);
        responses.Status.Should().Be(ObdStatus.Ok);
        responses.Count.Should().Be(2);
        responses.Find(0x7E8)!.Length.Should().Be(20);
        port.FlowControls.Should().Be(21);
    }
}
