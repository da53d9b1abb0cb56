using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Threading.Channels;

namespace RydBox.Benchmarks.Gateway;

/// <summary>
/// A process of this benchmark started by the orchestrator (the server or the box generator): this
/// same executable with --role. Its "@kind {json}" lines arrive in order through <see cref="ReceiveAsync"/>,
/// anything else it prints goes to our stderr with its name in front; commands go to its stdin.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _name;
    private readonly Channel<(string Kind, string Json)> _messages = Channel.CreateUnbounded<(string, string)>();
    private readonly Task _stdout;
    private readonly Task _stderr;

    private ChildProcess(Process process, string name)
    {
        _process = process;
        _name = name;
        _stdout = Task.Run(ReadOutputAsync);
        _stderr = Task.Run(ReadErrorsAsync);
    }

    public Process Process => _process;

    public static ChildProcess Start(string name, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        // The apphost under `dotnet run`; `dotnet RydBox.Benchmarks.dll` needs the dll named again.
        string host = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which executable runs this benchmark");
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        start.ArgumentList.Add("gateway-load");
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach ((string key, string value) in environment)
        {
            start.Environment[key] = value;
        }

        Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start the {name} process");
        return new ChildProcess(process, name);
    }

    public void Send(string command)
    {
        _process.StandardInput.WriteLine(command);
        _process.StandardInput.Flush();
    }

    /// <summary>The next message; throws when the process ends first or nothing comes within <paramref name="timeout"/>.</summary>
    public async Task<(string Kind, string Json)> ReceiveAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            return await _messages.Reader.ReadAsync(cancel.Token);
        }
        catch (ChannelClosedException)
        {
            await _process.WaitForExitAsync();
            throw new InvalidOperationException($"the {_name} process ended (exit code {_process.ExitCode}) before answering; its output is above");
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the {_name} process did not answer within {timeout}");
        }
    }

    /// <summary>The next message, which must be of <paramref name="kind"/>.</summary>
    public async Task<T> ExpectAsync<T>(string kind, TimeSpan timeout)
    {
        (string got, string json) = await ReceiveAsync(timeout);
        return got == kind
            ? JsonSerializer.Deserialize<T>(json) ?? throw new InvalidOperationException($"the {_name} process sent an empty {kind}")
            : throw new InvalidOperationException($"the {_name} process sent {got} where {kind} was expected");
    }

    public async Task<T> AskAsync<T>(string command, string kind, TimeSpan timeout)
    {
        Send(command);
        return await ExpectAsync<T>(kind, timeout);
    }

    /// <summary>Waits for the process to end by itself; ends it (this process only) if it does not within the timeout.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"[{_name}] did not end within {timeout}; killing it");
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        await Task.WhenAll(_stdout, _stderr);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // An error path: the child's own processes (influxd) go with it.
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        await Task.WhenAll(_stdout, _stderr);
        _process.Dispose();
    }

    private async Task ReadOutputAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is string line)
        {
            if (LoadProtocol.TryParse(line, out string kind, out string json))
            {
                _messages.Writer.TryWrite((kind, json));
            }
            else
            {
                Console.Error.WriteLine($"[{_name}] {line}");
            }
        }

        _messages.Writer.TryComplete();
    }

    private async Task ReadErrorsAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is string line)
        {
            Console.Error.WriteLine($"[{_name}] {line}");
        }
    }
}
