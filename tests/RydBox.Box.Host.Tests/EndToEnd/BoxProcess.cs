using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace RydBox.Box.Host.Tests.EndToEnd;

/// <summary>The real `rydbox-box run` executable, as a person starts it, with its output captured.</summary>
public sealed class BoxProcess : IDisposable
{
    private const int SignalInterrupt = 2;

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    public BoxProcess(string secret, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["RYDBOX_DEVICE_SECRET"] = secret;
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "rydbox-box.dll"));
        start.ArgumentList.Add("run");
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Stdout => Read(_stdout);

    public string Stderr => Read(_stderr);

    /// <summary>Ctrl-C, as a person at the terminal would press it.</summary>
    public void Interrupt() => kill(_process.Id, SignalInterrupt);

    /// <summary>kill -9: no chance to say goodbye.</summary>
    public void KillHard() => _process.Kill();

    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"rydbox-box run did not stop within {timeout.TotalSeconds} s\n{Stdout}\n{Stderr}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder into, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (into)
        {
            into.AppendLine(line);
        }
    }

    private static string Read(StringBuilder from)
    {
        lock (from)
        {
            return from.ToString();
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
