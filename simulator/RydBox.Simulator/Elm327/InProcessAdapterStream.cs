using System.Text;
using RydBox.Firmware.Hardware;

namespace RydBox.Simulator.Elm327;

/// <summary>
/// The wire between a virtual box and its emulated adapter without a socket: each command line
/// the box writes is answered at once, in the writing thread, so thousands of boxes need no
/// servers or threads for their adapters, and the box's driver reads the reply as it would from
/// a serial port.
/// </summary>
public sealed class InProcessAdapterStream : IByteStream
{
    private readonly Elm327Interpreter _adapter;
    private readonly CommandLineReader _lines;
    private readonly PendingBytes _fromBox = new();
    private readonly PendingBytes _toBox = new();

    public InProcessAdapterStream(Elm327Interpreter adapter)
    {
        _adapter = adapter;
        _lines = new CommandLineReader(_fromBox, adapter.Options.MaxCommandLength);
    }

    /// <summary>Returns what the adapter has said; never waits, as nothing more comes until the box writes again.</summary>
    public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds) => _toBox.Read(buffer, offset, count, 0);

    public void Write(byte[] buffer, int offset, int count)
    {
        _fromBox.Write(buffer, offset, count);
        while (_lines.ReadLine(0) is string line)
        {
            byte[] reply = Encoding.Latin1.GetBytes(_adapter.Execute(line, _lines.Interrupted));
            _toBox.Write(reply, 0, reply.Length);
        }
    }

    /// <summary>Bytes written on one side and not yet read on the other.</summary>
    private sealed class PendingBytes : IByteStream
    {
        private readonly Queue<byte> _bytes = new();

        public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
        {
            int copied = 0;
            while (copied < count && _bytes.TryDequeue(out byte value))
            {
                buffer[offset + copied++] = value;
            }

            return copied;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                _bytes.Enqueue(buffer[offset + i]);
            }
        }
    }
}
