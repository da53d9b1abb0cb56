using RydBox.Firmware.Tests.Support;

namespace RydBox.Firmware.Tests.Gnss;

/// <summary>A GNSS receiver that sends queued chunks of text, <see cref="MillisecondsPerChunk"/> apart.</summary>
internal sealed class ScriptedByteStream(ManualClock clock) : FakeSerialDevice(clock)
{
    public long MillisecondsPerChunk { get; set; }

    public void Enqueue(string text) => Enqueue(NmeaText.Bytes(text));

    public void Enqueue(byte[] bytes) => Send(bytes, MillisecondsPerChunk);

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("a GNSS receiver is only read");
}
