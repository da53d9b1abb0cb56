using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace RydBox.Testing.Servers;

/// <summary>
/// A real server a test runs in the foreground (mosquitto, influxd), with a temporary folder for its
/// configuration and data. What it prints goes into <see cref="Log"/>. <see cref="Start"/> waits until
/// the server is ready; <see cref="Stop"/> sends SIGTERM, so it shuts down cleanly and a restart finds
/// its data, and kills it only when it has not exited in time; disposing stops it and deletes the folder.
/// </summary>
public sealed class ForegroundServer : IDisposable
{
    private const int SignalTerminate = 15;

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    private readonly string _executable;
    private readonly TimeSpan _stopTimeout;
    private readonly StringBuilder _log = new();
    private Process? _process;

    /// <param name="name">The server's name, which its temporary folder's name starts with.</param>
    /// <param name="executable">The server's executable (see <see cref="FindExecutable"/>).</param>
    /// <param name="stopTimeout">How long a SIGTERM may take before the process is killed.</param>
    public ForegroundServer(string name, string executable, TimeSpan stopTimeout)
    {
        _executable = executable;
        _stopTimeout = stopTimeout;
        Folder = Directory.CreateTempSubdirectory($"rydbox-{name}-").FullName;
    }

    /// <summary>The server's own temporary folder, deleted on dispose.</summary>
    public string Folder { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>What the server printed, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>
    /// Why tests that need a server are skipped, or null when they run: null when it is installed,
    /// and always under CI (CI=true), so a missing server fails those tests instead of hiding behind a skip.
    /// </summary>
    /// <param name="missing">What is missing and how to install it.</param>
    public static string? SkipReason(bool installed, string missing) =>
        installed || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? null
            : $"{missing}; under CI=true these tests run and fail instead";

    /// <summary>The executable on the PATH or in the usual system folders (servers often live in sbin, which is not on every user's PATH); null when there is none.</summary>
    public static string? FindExecutable(string name)
    {
        IEnumerable<string> directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/sbin")
            .Append("/usr/local/sbin")
            .Append("/usr/bin")
            .Append("/usr/local/bin");
        return directories.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// Starts the server unless it is running, then asks <paramref name="ready"/> until it says yes.
    /// When it does not within <paramref name="timeout"/>, or the process exits first, stops the
    /// server and throws with <paramref name="notReady"/> and the log.
    /// </summary>
    public void Start(IReadOnlyList<string> arguments, TimeSpan timeout, Func<bool> ready, string notReady)
    {
        if (IsRunning)
        {
            return;
        }

        var process = new Process
        {
            StartInfo = new ProcessStartInfo(_executable, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            },
        };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        DateTime deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            if (ready())
            {
                return;
            }

            Thread.Sleep(PollInterval);
        }

        Stop();
        throw new InvalidOperationException($"{notReady}:\n{Log}");
    }

    /// <summary>SIGTERM, then a kill when the server has not exited within the stop timeout.</summary>
    public void Stop()
    {
        Process? process = _process;
        _process = null;
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            kill(process.Id, SignalTerminate);
            if (!process.WaitForExit(_stopTimeout))
            {
                process.Kill();
            }
        }

        process.WaitForExit();
        process.Dispose();
    }

    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
