using System.Diagnostics;
using System.Text;
using RydBox.Firmware.Hardware;

namespace RydBox.Simulator.Gnss;

/// <summary>
/// The serial line of a GNSS receiver as the box firmware sees it: as the clock passes each epoch
/// the receiver model's solution arrives as NMEA sentences (<see cref="NmeaWriter"/>). Like a UART's
/// receive buffer it holds only a few epochs; a reader that falls behind loses the oldest. What is
/// written (receiver configuration) is accepted and ignored. Thread-safe.
/// </summary>
public sealed class VirtualGnssPort : IByteStream
{
    /// <summary>Epochs the port holds for a reader that does not keep up.</summary>
    public const int BufferedEpochs = 4;

    private readonly object _gate = new();
    private readonly GnssReceiverModel _receiver;
    private readonly IClock _clock;
    private readonly NmeaWriter _writer;
    private readonly Queue<byte[]> _epochs = new();
    private int _headOffset;
    private long _nextEpochMs;

    /// <param name="utcAtZero">UTC at simulation time 0; the sentences state this plus the epoch's time.</param>
    /// <param name="talker">NMEA talker id: "GP" (GPS) or "GN" (multi-constellation).</param>
    public VirtualGnssPort(GnssReceiverModel receiver, IClock clock, DateTime utcAtZero, string talker = "GP")
    {
        _receiver = receiver;
        _clock = clock;
        _writer = new NmeaWriter(utcAtZero, talker);
    }

    /// <summary>The last solution sent (ground truth for tests); null before the first epoch.</summary>
    public GnssSolution? LastSolution { get; private set; }

    public long EpochsSent { get; private set; }

    /// <summary>
    /// Hands over bytes of the sentences due by now. With none waiting it waits until the next epoch
    /// or until <paramref name="timeoutMilliseconds"/> of simulation time have passed — and at most that
    /// long in real time, so a clock that stands still (stepped by a test) cannot hang the reader.
    /// </summary>
    public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
    {
        long deadline = _clock.NowMilliseconds + Math.Max(0, timeoutMilliseconds);
        var realTime = Stopwatch.StartNew();
        while (true)
        {
            lock (_gate)
            {
                SendDueEpoch();
                if (_epochs.Count > 0)
                {
                    return Take(buffer, offset, count);
                }
            }

            if (_clock.NowMilliseconds >= deadline || realTime.ElapsedMilliseconds >= timeoutMilliseconds)
            {
                return 0;
            }

            Thread.Sleep(1);
        }
    }

    public void Write(byte[] buffer, int offset, int count)
    {
    }

    private void SendDueEpoch()
    {
        if (_clock.NowMilliseconds < _nextEpochMs)
        {
            return;
        }

        GnssSolution solution = _receiver.Sample();
        long period = _receiver.Options.EpochMilliseconds;
        if (LastSolution != null && solution.TimeMilliseconds <= LastSolution.TimeMilliseconds)
        {
            return;
        }

        LastSolution = solution;
        EpochsSent++;
        _nextEpochMs = solution.TimeMilliseconds + period;
        _epochs.Enqueue(Encoding.ASCII.GetBytes(string.Concat(_writer.Epoch(solution))));
        while (_epochs.Count > BufferedEpochs)
        {
            _epochs.Dequeue();
            _headOffset = 0;
        }
    }

    private int Take(byte[] buffer, int offset, int count)
    {
        byte[] head = _epochs.Peek();
        int n = Math.Min(count, head.Length - _headOffset);
        Array.Copy(head, _headOffset, buffer, offset, n);
        _headOffset += n;
        if (_headOffset == head.Length)
        {
            _epochs.Dequeue();
            _headOffset = 0;
        }

        return n;
    }
}
