using System.Globalization;
using RydBox.Simulator.Fleet;

namespace RydBox.Simulator.Demo;

/// <summary>One line of fleet progress: redrawn in place on a terminal, written every few seconds into a log or pipe.</summary>
internal sealed class ProgressLine(TextWriter output, long estimatedMilliseconds)
{
    private static readonly TimeSpan LoggedInterval = TimeSpan.FromSeconds(5);

    private readonly bool _redraw = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
    private DateTime _lastLogged = DateTime.MinValue;

    public void Show(FleetProgress progress)
    {
        string line = string.Create(CultureInfo.InvariantCulture,
            $"sim {DemoRunner.Hours(progress.SimulatedMilliseconds)} of ~{DemoRunner.Hours(estimatedMilliseconds)}  scenarios done {progress.ScenariosFinished}/{progress.Vehicles}  " +
            $"samples {progress.SamplesQueued:N0}  messages delivered {progress.MessagesDelivered:N0}, waiting {progress.MessagesWaiting:N0}  events {progress.EventsQueued:N0}");
        if (_redraw)
        {
            output.Write("\r" + line.PadRight(Math.Max(line.Length, Console.WindowWidth - 1)));
        }
        else if (DateTime.UtcNow - _lastLogged >= LoggedInterval)
        {
            output.WriteLine(line);
            _lastLogged = DateTime.UtcNow;
        }
    }
}
