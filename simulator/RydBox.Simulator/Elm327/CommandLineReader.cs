using System.Text;
using RydBox.Firmware.Hardware;

namespace RydBox.Simulator.Elm327;

/// <summary>
/// Cuts the client's bytes into command lines as the chip does: CR ends a line; LF, NUL and other
/// control characters are ignored; anything else is kept (bytes above 0x7E make a command invalid).
/// Also tells the interpreter when a character arrived mid-request.
/// </summary>
internal sealed class CommandLineReader(IByteStream stream, int maxLength)
{
    private const byte CarriageReturn = 0x0D;
    private const byte FirstPrintable = 0x20;

    private readonly Queue<byte> _pending = new();
    private readonly byte[] _chunk = new byte[256];
    private readonly StringBuilder _line = new();

    /// <summary>The next line without its CR, or null when none completed within the timeout. One character over the limit is kept, so an over-long line stays recognisable.</summary>
    public string? ReadLine(int timeoutMilliseconds)
    {
        while (true)
        {
            while (_pending.TryDequeue(out byte value))
            {
                if (value == CarriageReturn)
                {
                    string line = _line.ToString();
                    _line.Clear();
                    return line;
                }

                if (value >= FirstPrintable && _line.Length <= maxLength)
                {
                    _line.Append((char)value);
                }
            }

            if (!Fill(timeoutMilliseconds))
            {
                return null;
            }
        }
    }

    /// <summary>True when a character arrived; that character is used up by the interruption, as on the chip.</summary>
    public bool Interrupted()
    {
        Fill(0);
        return _pending.TryDequeue(out _);
    }

    private bool Fill(int timeoutMilliseconds)
    {
        int count = stream.Read(_chunk, 0, _chunk.Length, timeoutMilliseconds);
        for (int i = 0; i < count; i++)
        {
            _pending.Enqueue(_chunk[i]);
        }

        return count > 0;
    }
}
