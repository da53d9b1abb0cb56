using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using RydBox.Testing.Servers;

namespace RydBox.Testing.Brokers;

/// <summary>
/// The real mosquitto broker, run in the foreground with its own configuration, password file and
/// persistence directory in a temporary folder, listening on 127.0.0.1 and a free port. Stopping
/// sends SIGTERM, so mosquitto saves sessions and retained messages and a restart finds them.
/// </summary>
public sealed class MosquittoBroker : ITestBroker
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly ForegroundServer _server;
    private readonly BrokerAccount _observer = new("observer", Guid.NewGuid().ToString("N"));
    private readonly int _port = FreePort.Pick();

    public MosquittoBroker(params BrokerAccount[] accounts)
    {
        string executable = ForegroundServer.FindExecutable("mosquitto") ?? throw new InvalidOperationException(
            "mosquitto is not installed; install it with: apt-get install mosquitto mosquitto-clients");
        string passwd = ForegroundServer.FindExecutable("mosquitto_passwd") ?? throw new InvalidOperationException(
            "mosquitto_passwd is not installed; install it with: apt-get install mosquitto");
        _server = new ForegroundServer("mosquitto", executable, StopTimeout);

        string passwordFile = Path.Combine(_server.Folder, "passwd");
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
            .AppendLine($"persistence_location {_server.Folder}/")
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
        ForegroundServer.SkipReason(IsInstalled, "mosquitto is not installed (apt-get install mosquitto mosquitto-clients)");

    public static bool IsInstalled =>
        ForegroundServer.FindExecutable("mosquitto") is not null && ForegroundServer.FindExecutable("mosquitto_passwd") is not null;

    public string Name => "mosquitto";

    public Uri Address => new($"mqtt://127.0.0.1:{_port}");

    public bool IsRunning => _server.IsRunning;

    /// <summary>What mosquitto printed, for failure messages.</summary>
    public string Log => _server.Log;

    private string ConfigFile => Path.Combine(_server.Folder, "mosquitto.conf");

    public void Start() =>
        _server.Start(["-c", ConfigFile], StartTimeout, () => FreePort.IsListening(_port), $"mosquitto did not start listening on port {_port}");

    public void Stop() => _server.Stop();

    public TestMqttClient Observe(string topicFilter) => new(Address, _observer, topicFilter);

    public void Dispose() => _server.Dispose();

    public override string ToString() => Name;

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

    [DllImport("libc")]
    private static extern uint geteuid();
}
