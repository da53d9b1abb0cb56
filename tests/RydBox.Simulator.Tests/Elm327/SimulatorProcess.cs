using System.Collections.Concurrent;
using System.Diagnostics;

namespace RydBox.Simulator.Tests.Elm327;

/// <summary>`rydbox-sim` as a real process, its output read line by line.</summary>
public sealed class SimulatorProcess : IDisposable
{
    private static readonly TimeSpan LineTimeout = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly BlockingCollection<string> _lines = [];

    private SimulatorProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Collect(e.Data);
        _process.ErrorDataReceived += (_, e) => Collect(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static SimulatorProcess Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "rydbox-sim.dll"));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new SimulatorProcess(Process.Start(start)!);
    }

    /// <summary>The next line (stdout or stderr) containing <paramref name="text"/>; earlier lines are skipped.</summary>
    public string WaitForLine(string text) => WaitForLine(text, LineTimeout);

    public string WaitForLine(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (_lines.TryTake(out string? line, deadline - DateTime.UtcNow))
        {
            if (line.Contains(text, StringComparison.Ordinal))
            {
                return line;
            }
        }

        throw new TimeoutException($"rydbox-sim printed no line with '{text}'");
    }

    /// <summary>Sends SIGINT, as Ctrl-C does, and returns the exit code.</summary>
    public int Interrupt()
    {
        using (Process kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        return WaitForExit();
    }

    public int WaitForExit() => WaitForExit(LineTimeout);

    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            throw new TimeoutException("rydbox-sim did not exit");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Collect(string? line)
    {
        if (line is not null)
        {
            _lines.Add(line);
        }
    }
}
