using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using RydBox.Testing.Brokers;

namespace RydBox.Gateway.Tests.Identity;

/// <summary>
/// A real mosquitto run with exactly the password and ACL files `export-mosquitto` wrote, on
/// loopback and a free port, no persistence. Kill on dispose.
/// </summary>
public sealed class ExportedMosquitto : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rydbox-exported-mosquitto-").FullName;
    private readonly StringBuilder _log = new();
    private readonly Process _process;

    public ExportedMosquitto(string passwordFile, string aclFile)
    {
        Port = PickPort();
        var config = new StringBuilder()
            .AppendLine($"listener {Port} 127.0.0.1")
            .AppendLine("allow_anonymous false")
            .AppendLine($"password_file {passwordFile}")
            .AppendLine($"acl_file {aclFile}")
            .AppendLine("persistence false")
            .AppendLine("log_dest stdout")
            .AppendLine("log_type all");
        if (geteuid() == 0)
        {
            config.AppendLine("user root"); // else it drops to "mosquitto", who cannot read a private temporary folder
        }

        string configFile = Path.Combine(_directory, "mosquitto.conf");
        File.WriteAllText(configFile, config.ToString());
        string executable = new[] { "/usr/sbin/mosquitto", "/usr/local/sbin/mosquitto", "/usr/bin/mosquitto" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("mosquitto is not installed; install it with: apt-get install mosquitto mosquitto-clients");
        _process = new Process
        {
            StartInfo = new ProcessStartInfo(executable, ["-c", configFile]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false },
        };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (!WaitUntilListening(TimeSpan.FromSeconds(10)))
        {
            Dispose();
            throw new InvalidOperationException($"mosquitto did not start on port {Port}:\n{Log}");
        }
    }

    public static string? SkipReason => MosquittoBroker.SkipReason;

    public int Port { get; }

    /// <summary>mqtt://127.0.0.1:port</summary>
    public Uri Address => new($"mqtt://127.0.0.1:{Port}");

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

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static int PickPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private bool WaitUntilListening(TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return true;
            }
            catch (SocketException)
            {
                Thread.Sleep(20);
            }
        }

        return false;
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

    [DllImport("libc")]
    private static extern uint geteuid();
}

/// <summary>A fact that needs mosquitto: skipped with the reason where it is missing, except under CI=true.</summary>
public sealed class MosquittoFactAttribute : FactAttribute
{
    public MosquittoFactAttribute()
    {
        Skip = ExportedMosquitto.SkipReason;
    }
}
