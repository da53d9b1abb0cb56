using System.Net;
using System.Net.Http.Headers;
using System.Text;
using RydBox.Testing.Brokers;
using RydBox.Testing.Servers;

namespace RydBox.Testing.Influx;

/// <summary>
/// A real InfluxDB 1.x server (<c>influxd</c>), run in the foreground with its own configuration
/// file and meta/data/wal folders in a temporary directory. HTTP listens on 127.0.0.1 and a free
/// port; the RPC service (backup/restore) is bound to another free loopback port; UDP, Graphite,
/// collectd, OpenTSDB, the monitor's _internal database, continuous queries and usage reporting
/// are off. Stopping sends SIGTERM (the WAL is replayed at the next start), so a restart finds
/// the data; disposing deletes the folder. influxd runs as whoever starts it, root included.
/// </summary>
public sealed class InfluxServer : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly ForegroundServer _server;
    private readonly int _httpPort = FreePort.Pick();
    private readonly int _rpcPort = FreePort.Pick();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <param name="admin">
    /// With an account, authentication is on and that account is created as the server's admin
    /// (InfluxDB lets the first admin be created without credentials); without, anyone may do anything.
    /// </param>
    public InfluxServer(InfluxAccount? admin = null)
    {
        string executable = ForegroundServer.FindExecutable("influxd") ?? throw new InvalidOperationException(
            "influxd is not installed; install it with: apt-get install influxdb");
        _server = new ForegroundServer("influxd", executable, StopTimeout);
        Admin = admin;
        File.WriteAllText(ConfigFile, Configuration(admin is not null));
        Start();
        if (admin is not null)
        {
            Execute($"CREATE USER \"{admin.UserName}\" WITH PASSWORD '{admin.Password}' WITH ALL PRIVILEGES", asAdmin: false);
        }
    }

    /// <summary>
    /// Why tests that need influxd are skipped, or null when they run. Under CI (CI=true) they
    /// always run, so a missing influxd fails them instead of hiding behind a skip.
    /// </summary>
    public static string? SkipReason => ForegroundServer.SkipReason(IsInstalled, "influxd is not installed (apt-get install influxdb)");

    public static bool IsInstalled => ForegroundServer.FindExecutable("influxd") is not null;

    /// <summary>The HTTP API, e.g. http://127.0.0.1:41234.</summary>
    public Uri Address => new($"http://127.0.0.1:{_httpPort}");

    public InfluxAccount? Admin { get; }

    public bool IsRunning => _server.IsRunning;

    /// <summary>The version the server reports in its /ping answer, e.g. "1.6.7~rc0".</summary>
    public string Version { get; private set; } = "";

    /// <summary>What influxd printed, for failure messages.</summary>
    public string Log => _server.Log;

    private string ConfigFile => Path.Combine(_server.Folder, "influxdb.conf");

    public void Start() =>
        _server.Start(["run", "-config", ConfigFile], StartTimeout, () =>
        {
            if (Ping() is not { } version)
            {
                return false;
            }

            Version = version;
            return true;
        }, $"influxd did not answer /ping on port {_httpPort}");

    public void Stop() => _server.Stop();

    /// <summary>Runs InfluxQL (POST /query) as the admin, if there is one; returns the JSON answer, throws on an HTTP error.</summary>
    public string Execute(string influxQl, string? database = null, bool asAdmin = true)
    {
        var form = new Dictionary<string, string> { ["q"] = influxQl, ["epoch"] = "ms" };
        if (database is not null)
        {
            form["db"] = database;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Address, "/query")) { Content = new FormUrlEncodedContent(form) };
        if (asAdmin && Admin is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Admin.UserName}:{Admin.Password}")));
        }

        using HttpResponseMessage response = _http.Send(request);
        string body = new StreamReader(response.Content.ReadAsStream()).ReadToEnd();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"influxd answered {(int)response.StatusCode} to {influxQl}: {body}");
        }

        return body;
    }

    public void Dispose()
    {
        _server.Dispose();
        _http.Dispose();
    }

    public override string ToString() => $"influxd {Version} at {Address}";

    private string? Ping()
    {
        try
        {
            using HttpResponseMessage response = _http.Send(new HttpRequestMessage(HttpMethod.Get, new Uri(Address, "/ping")));
            return response.StatusCode == HttpStatusCode.NoContent && response.Headers.TryGetValues("X-Influxdb-Version", out IEnumerable<string>? v)
                ? v.First()
                : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }

    private string Configuration(bool authEnabled)
    {
        string Dir(string name) => Path.Combine(_server.Folder, name).Replace("\\", "/");
        return $"""
            reporting-disabled = true
            bind-address = "127.0.0.1:{_rpcPort}"

            [meta]
              dir = "{Dir("meta")}"
              logging-enabled = false

            [data]
              dir = "{Dir("data")}"
              wal-dir = "{Dir("wal")}"
              query-log-enabled = false
              cache-max-memory-size = 67108864

            [monitor]
              store-enabled = false

            [http]
              enabled = true
              bind-address = "127.0.0.1:{_httpPort}"
              auth-enabled = {(authEnabled ? "true" : "false")}
              log-enabled = false
              pprof-enabled = false
              unix-socket-enabled = false

            [logging]
              level = "warn"
              suppress-logo = true

            [continuous_queries]
              enabled = false

            [[graphite]]
              enabled = false

            [[collectd]]
              enabled = false

            [[opentsdb]]
              enabled = false

            [[udp]]
              enabled = false
            """;
    }
}

/// <summary>A user name and password on an <see cref="InfluxServer"/>.</summary>
public sealed record InfluxAccount(string UserName, string Password);
