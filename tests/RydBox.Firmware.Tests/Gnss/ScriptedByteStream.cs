using RydBox.Firmware.Hardware;
using RydBox.Firmware.Tests.Support;

namespace RydBox.Firmware.Tests.Gnss;

/// <summary>
/// Delivers queued chunks, at most one chunk per Read (as a UART driver hands over what has
/// arrived). When the queue is empty a Read waits out its timeout on the virtual clock, or
/// throws IOException once the stream has been marked broken.
/// </summary>
internal sealed class ScriptedByteStream : IByteStream
{
    private readonly Queue<byte[]> _chunks = new();
    private readonly ManualClock _clock;
    private byte[]? _current;
    private int _position;

    public ScriptedByteStream(ManualClock clock) => _clock = clock;

    public bool Broken { get; set; }

    public long MillisecondsPerChunk { get; set; }

    public void Enqueue(string text) => _chunks.Enqueue(NmeaText.Bytes(text));

    public void Enqueue(byte[] bytes) => _chunks.Enqueue(bytes);

    public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
    {
        if (_current == null || _position == _current.Length)
        {
            if (_chunks.Count == 0)
            {
                if (Broken)
                {
                    throw new IOException("link lost");
                }

                _clock.Advance(timeoutMilliseconds);
                return 0;
            }

            _current = _chunks.Dequeue();
            _position = 0;
            _clock.Advance(MillisecondsPerChunk);
        }

        int n = Math.Min(count, _current.Length - _position);
        Array.Copy(_current, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    public void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("a GNSS receiver is only read");
}
