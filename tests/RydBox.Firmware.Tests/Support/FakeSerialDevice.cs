using RydBox.Firmware.Hardware;

namespace RydBox.Firmware.Tests.Support;

/// <summary>
/// The reading side of a fake device on a serial line, on a virtual clock. What the device
/// sends arrives in chunks at set moments; a Read hands over at most one arrived chunk (as a
/// UART driver hands over what has come in), or lets its timeout pass and returns 0. Once the
/// link is <see cref="Broken"/>, a Read that would wait throws IOException instead.
/// </summary>
public abstract class FakeSerialDevice : IByteStream
{
    private readonly Queue<(byte[] Bytes, long At)> _chunks = new();
    private byte[]? _current;
    private int _position;
    private long _lastArrival;

    protected FakeSerialDevice(ManualClock clock) => Clock = clock;

    protected ManualClock Clock { get; }

    public bool Broken { get; set; }

    /// <summary>Queues bytes that arrive <paramref name="delayMs"/> after now, and never before what was sent earlier.</summary>
    protected void Send(byte[] bytes, long delayMs)
    {
        _lastArrival = Math.Max(_lastArrival, Clock.NowMilliseconds) + delayMs;
        _chunks.Enqueue((bytes, _lastArrival));
    }

    public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
    {
        if (_current == null || _position == _current.Length)
        {
            if (_chunks.Count == 0 || _chunks.Peek().At > Clock.NowMilliseconds + timeoutMilliseconds)
            {
                if (Broken)
                {
                    throw new IOException("link lost");
                }

                Clock.Advance(timeoutMilliseconds);
                return 0;
            }

            (_current, long at) = _chunks.Dequeue();
            _position = 0;
            Clock.Advance(Math.Max(0, at - Clock.NowMilliseconds));
        }

        int n = Math.Min(count, _current.Length - _position);
        Array.Copy(_current, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    public abstract void Write(byte[] buffer, int offset, int count);
}
