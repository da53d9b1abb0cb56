using System.CommandLine;
using System.Diagnostics;
using RydBox.Gateway.Cli;

namespace RydBox.Gateway.Tests.Identity;

/// <summary>One run of the `rydbox-gateway` command line and what a person would have seen.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>In this process, through the same command tree as Program.cs, with captured output.</summary>
    public static CliRun InProcess(params string[] arguments)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = GatewayCommands.Create().Parse(arguments).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The real executable, in <paramref name="workingDirectory"/> with extra environment variables.</summary>
    public static CliRun AsProcess(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "rydbox-gateway.dll"));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("rydbox-gateway did not finish within 60 s");
        }

        return new CliRun(process.ExitCode, stdout.Result, stderr.Result);
    }

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
