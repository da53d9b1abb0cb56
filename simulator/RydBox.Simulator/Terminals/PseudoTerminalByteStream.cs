using RydBox.Firmware.Hardware;

namespace RydBox.Simulator.Terminals;

/// <summary>The master side of a pseudo-terminal as a byte stream; it breaks (IOException) when the client closes the slave.</summary>
public sealed class PseudoTerminalByteStream(PseudoTerminal terminal) : IByteStream
{
    private readonly byte[] _chunk = new byte[256];

    public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
    {
        if (!terminal.IsPeerOpen)
        {
            throw new IOException($"{terminal.SlavePath} was closed by the client");
        }

        int received = terminal.Read(_chunk, timeoutMilliseconds);
        int taken = Math.Min(received, count);
        Array.Copy(_chunk, 0, buffer, offset, taken);
        return taken;
    }

    public void Write(byte[] buffer, int offset, int count) => terminal.Write(buffer.AsSpan(offset, count));
}
