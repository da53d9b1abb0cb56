using System.Diagnostics;
using RydBox.Box.Host.Probe;

namespace RydBox.Box.Host.Tests;

/// <summary>Runs the real `rydbox-box probe` executable and captures what a person would see.</summary>
public sealed record ProbeRun(int ExitCode, string Stdout, string Stderr)
{
    public static ProbeRun Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "rydbox-box.dll"));
        start.ArgumentList.Add("probe");
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the probe did not finish within 90 s");
        }

        return new ProbeRun(process.ExitCode, stdout.Result, stderr.Result);
    }

    public ProbeReport Report => ProbeJsonWriter.Read(Stdout);
}
