using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace RydBox.Testing.Brokers;

/// <summary>
/// The real mosquitto broker, run in the foreground with its own configuration, password file and
/// persistence directory in a temporary folder, listening on 127.0.0.1 and a free port. Stopping
/// sends SIGTERM, so mosquitto saves sessions and retained messages and a restart finds them.
/// </summary>
public sealed class MosquittoBroker : ITestBroker
{
    private const int SignalTerminate = 15;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);

    private readonly string _directory = Directory.CreateTempSubdirectory("rydbox-mosquitto-").FullName;
    private readonly BrokerAccount _observer = new("observer", Guid.NewGuid().ToString("N"));
    private readonly int _port = FreePort.Pick();
    private readonly StringBuilder _log = new();
    private readonly string _executable;
    private Process? _process;

    public MosquittoBroker(params BrokerAccount[] accounts)
    {
        _executable = FindExecutable("mosquitto") ?? throw new InvalidOperationException(
            "mosquitto is not installed; install it with: apt-get install mosquitto mosquitto-clients");
        string passwd = FindExecutable("mosquitto_passwd") ?? throw new InvalidOperationException(
            "mosquitto_passwd is not installed; install it with: apt-get install mosquitto");

        string passwordFile = Path.Combine(_directory, "passwd");
        File.WriteAllText(passwordFile, string.Empty);
        foreach (BrokerAccount account in accounts.Append(_observer))
        {
            Run(passwd, "-b", passwordFile, account.UserName, account.Password);
        }

        var config = new StringBuilder()
            .AppendLine($"listener {_port} 127.0.0.1")
            .AppendLine("allow_anonymous false")
            .AppendLine($"password_file {passwordFile}")
            .AppendLine("persistence true")
            .AppendLine($"persistence_location {_directory}/")
            .AppendLine("log_dest stdout")
            .AppendLine("log_type all");

        // Started as root, mosquitto drops to the "mosquitto" user, which cannot enter a private
        // temporary folder; "user root" keeps it as the user who owns the folder.
        if (geteuid() == 0)
        {
            config.AppendLine("user root");
        }

        File.WriteAllText(ConfigFile, config.ToString());
        Start();
    }

    /// <summary>
    /// Why tests that need mosquitto are skipped, or null when they run. Under CI (CI=true) they
    /// always run, so a missing mosquitto fails them instead of hiding behind a skip.
    /// </summary>
    public static string? SkipReason =>
        IsInstalled || string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
            ? null
            : "mosquitto is not installed (apt-get install mosquitto mosquitto-clients); under CI=true these tests run and fail instead";

    public static bool IsInstalled => FindExecutable("mosquitto") is not null && FindExecutable("mosquitto_passwd") is not null;

    public string Name => "mosquitto";

    public Uri Address => new($"mqtt://127.0.0.1:{_port}");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>What mosquitto printed, for failure messages.</summary>
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

    private string ConfigFile => Path.Combine(_directory, "mosquitto.conf");

    public void Start()
    {
        if (IsRunning)
        {
            return;
        }

        var process = new Process
        {
            StartInfo = new ProcessStartInfo(_executable, ["-c", ConfigFile])
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

        if (!FreePort.WaitUntilListening(_port, StartTimeout, () => !process.HasExited))
        {
            Stop();
            throw new InvalidOperationException($"mosquitto did not start listening on port {_port}:\n{Log}");
        }
    }

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
            if (!process.WaitForExit(5000))
            {
                process.Kill();
            }
        }

        process.WaitForExit();
        process.Dispose();
    }

    public TestMqttClient Observe(string topicFilter) => new(Address, _observer, topicFilter);

    public void Dispose()
    {
        Stop();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    public override string ToString() => Name;

    private static string? FindExecutable(string name)
    {
        // mosquitto lives in /usr/sbin, which is not on every user's PATH.
        IEnumerable<string> directories = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/sbin")
            .Append("/usr/local/sbin");
        return directories.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
    }

    private static void Run(string executable, params string[] arguments)
    {
        using Process process = Process.Start(new ProcessStartInfo(executable, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(executable)} failed ({process.ExitCode}): {error}");
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

    [DllImport("libc")]
    private static extern uint geteuid();
}
