using System.Text;
using RydBox.Firmware.Hardware;

namespace RydBox.Simulator.Elm327;

/// <summary>One client talking to one emulated adapter over a byte stream (a TCP connection, a pseudo-terminal).</summary>
public sealed class Elm327Session(Elm327Interpreter adapter)
{
    /// <summary>How often the stop request is looked at while the client is silent.</summary>
    private const int IdlePollMs = 50;

    /// <summary>
    /// Answers command lines until <paramref name="stop"/> is cancelled; throws
    /// <see cref="IOException"/> when the client goes away.
    /// </summary>
    public void Serve(IByteStream stream, CancellationToken stop)
    {
        var reader = new CommandLineReader(stream, adapter.Options.MaxCommandLength);
        while (!stop.IsCancellationRequested)
        {
            string? line = reader.ReadLine(IdlePollMs);
            if (line is null)
            {
                continue;
            }

            byte[] output = Encoding.Latin1.GetBytes(adapter.Execute(line, reader.Interrupted));
            stream.Write(output, 0, output.Length);
        }
    }
}
