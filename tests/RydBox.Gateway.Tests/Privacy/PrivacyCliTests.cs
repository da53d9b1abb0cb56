using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using RydBox.Gateway.Identity;
using RydBox.Gateway.Storage;
using RydBox.Gateway.Storage.Sqlite;
using RydBox.Gateway.Tests.Identity;
using RydBox.Testing.Brokers;
using RydBox.Simulator.Terminals;

namespace RydBox.Gateway.Tests.Privacy;

/// <summary>`devices erase` and `retention run`, in this process and as the real executable.</summary>
public sealed class PrivacyCliTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rydbox-privacy-cli-").FullName;

    private string DataDirectory => Path.Combine(_directory, "data");

    [Fact]
    public async Task Erase_with_yes_prints_what_it_erased_and_running_it_again_is_harmless()
    {
        await SeedAsync();

        CliRun erased = Run("devices", "erase", "box-a1", "--yes");

        erased.ExitCode.Should().Be(0, erased.ToString());
        erased.Stdout.Should().Contain("Erased the data of device box-a1 (tenant acme):")
            .And.MatchRegex(@"telemetry batches \(SQLite\)\s+2\n")
            .And.MatchRegex(@"latest values\s+4\n")
            .And.MatchRegex(@"events\s+2\n")
            .And.MatchRegex(@"status\s+1\n")
            .And.MatchRegex(@"dead letters\s+2\n")
            .And.MatchRegex(@"ledger entries\s+4 kept without their receive times")
            .And.MatchRegex(@"VIN\s+removed from the device")
            .And.Contain("Device box-a1 stays and may keep sending")
            .And.NotContain(VehicleData.VinA);
        VehicleData.RowsMentioning(Database(), "box-a1").Keys.Should().BeEquivalentTo(["devices", "received_messages"]);
        VehicleData.RowsOf(Database(), "box-z1").Values.Should().OnlyContain(n => n > 0, "another tenant's vehicle is untouched");

        CliRun again = Run("devices", "erase", "box-a1", "--yes", "--json");
        again.ExitCode.Should().Be(0, again.ToString());
        using JsonDocument json = JsonDocument.Parse(again.Stdout);
        json.RootElement.GetProperty("deviceId").GetString().Should().Be("box-a1");
        json.RootElement.GetProperty("telemetryBatches").GetInt64().Should().Be(0);
        json.RootElement.GetProperty("ledgerEntries").GetInt64().Should().Be(4);
        json.RootElement.GetProperty("deviceDeleted").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task Erase_with_delete_device_removes_the_device_and_a_second_run_finds_nothing()
    {
        await SeedAsync();

        CliRun deleted = Run("devices", "erase", "box-a1", "--delete-device", "-y");

        deleted.ExitCode.Should().Be(0, deleted.ToString());
        deleted.Stdout.Should().MatchRegex(@"ledger entries\s+4 deleted").And.MatchRegex(@"mosquitto hashes\s+1\n")
            .And.Contain("Device box-a1 and its credentials are deleted; a gateway running in another process refuses it within 30 s");
        Run("devices", "list").Stdout.Should().NotContain("box-a1").And.Contain("box-z1");
        VehicleData.RowsMentioning(Database(), "box-a1").Should().BeEmpty();

        CliRun again = Run("devices", "erase", "box-a1", "--delete-device", "--yes");
        again.ExitCode.Should().Be(2);
        again.Stderr.Should().Contain("error: no device \"box-a1\", and nothing is stored under that id");
    }

    [Fact]
    public void Erase_refuses_a_bad_id_and_a_missing_database()
    {
        CliRun missing = Run("devices", "erase", "box-a1", "--yes");
        missing.ExitCode.Should().Be(2);
        missing.Stderr.Should().Contain("no gateway database at");

        Run("tenants", "add", "acme", "--name", "ACME").ExitCode.Should().Be(0);
        CliRun bad = Run("devices", "erase", "box a1", "--yes");
        bad.ExitCode.Should().Be(1);
        bad.Stderr.Should().Contain("is not a valid device id");
    }

    [Fact]
    public async Task Without_yes_erase_refuses_when_input_is_not_a_terminal_even_given_the_right_answer()
    {
        await SeedAsync();
        Dictionary<string, long> before = VehicleData.RowsOf(Database(), "box-a1");

        CliRun refused = Executable(stdin: "box-a1\n", environment: null, "devices", "erase", "box-a1", "--data-dir", DataDirectory);

        refused.ExitCode.Should().Be(1, refused.ToString());
        refused.Stderr.Should().Contain("input is not a terminal, so nobody can confirm; add --yes");
        VehicleData.RowsOf(Database(), "box-a1").Should().Equal(before);
    }

    [Fact]
    public async Task On_a_terminal_erase_asks_for_the_device_id_and_erases_only_when_it_is_typed()
    {
        await SeedAsync();
        Dictionary<string, long> before = VehicleData.RowsOf(Database(), "box-a1");

        CliRun wrong = OnTerminal("box-z1", "devices", "erase", "box-a1", "--data-dir", DataDirectory);
        wrong.ExitCode.Should().Be(1, wrong.ToString());
        wrong.Stderr.Should().Contain("This erases everything stored about the vehicle of device box-a1 (tenant acme)")
            .And.Contain("Type the device id (box-a1) to confirm:")
            .And.Contain("Not confirmed; nothing was erased.");
        VehicleData.RowsOf(Database(), "box-a1").Should().Equal(before);

        CliRun confirmed = OnTerminal("box-a1", "devices", "erase", "box-a1", "--delete-device", "--data-dir", DataDirectory);
        confirmed.ExitCode.Should().Be(0, confirmed.ToString());
        confirmed.Stderr.Should().Contain("The device itself and its credentials are deleted too");
        confirmed.Stdout.Should().Contain("Erased the data of device box-a1 (tenant acme):");
        VehicleData.RowsMentioning(Database(), "box-a1").Should().BeEmpty();
    }

    [Fact]
    public async Task Retention_run_prints_each_tenants_deletions_and_the_tenants_kept_forever()
    {
        Run("tenants", "add", "zeta", "--name", "Zeta").ExitCode.Should().Be(0);
        CliRun none = Run("retention", "run");
        none.ExitCode.Should().Be(0, none.ToString());
        none.Stdout.Should().Contain("No tenant has a retention period, so nothing was deleted").And.Contain("Kept forever (no retention period): zeta.");

        await SeedAsync();
        CliRun run = Run("retention", "run");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Stdout.Should().MatchRegex(@"TENANT\s+KEEP\s+DELETED BEFORE\s+DEVICES\s+TELEMETRY\s+EVENTS\s+LATEST\s+DEAD LETTERS\s+LEDGER\s+STATE\n")
            .And.MatchRegex(@"acme\s+30 d\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\s+1\s+1\s+1\s+0\s+1\s+2\s+done\n")
            .And.Contain("Kept forever (no retention period): zeta.");
        VehicleData.RowsOf(Database(), "box-a1")["telemetry_batches"].Should().Be(1, "the recent batch stays");
        VehicleData.RowsOf(Database(), "box-z1")["telemetry_batches"].Should().Be(2, "zeta keeps everything");

        CliRun json = Run("retention", "run", "--json");
        json.ExitCode.Should().Be(0);
        using JsonDocument report = JsonDocument.Parse(json.Stdout);
        JsonElement acme = report.RootElement.GetProperty("tenants").EnumerateArray().Single();
        acme.GetProperty("tenantId").GetString().Should().Be("acme");
        acme.GetProperty("retentionDays").GetInt32().Should().Be(30);
        acme.GetProperty("telemetryBatches").GetInt64().Should().Be(0, "the first run deleted it already");
        report.RootElement.GetProperty("keptForever").EnumerateArray().Select(e => e.GetString()).Should().Equal("zeta");
    }

    [Fact]
    public async Task With_influxdb_unreachable_both_commands_fail_with_the_reason_and_sqlite_keeps_its_data()
    {
        await SeedAsync();
        Dictionary<string, long> before = VehicleData.RowsOf(Database(), "box-a1");
        var influx = new Dictionary<string, string>
        {
            ["RydBox__Storage__Telemetry"] = "Influx",
            ["RydBox__Storage__Influx__Url"] = $"http://127.0.0.1:{FreePort.Pick()}",
            ["RydBox__Storage__Influx__Attempts"] = "1",
            ["RydBox__DataDirectory"] = DataDirectory,
        };

        CliRun erase = Executable(stdin: null, influx, "devices", "erase", "box-a1", "--yes");
        erase.ExitCode.Should().Be(1, erase.ToString());
        erase.Stderr.Should().Contain("InfluxDB at http://127.0.0.1:").And.Contain("run the same command again once the telemetry store is reachable");
        VehicleData.RowsOf(Database(), "box-a1").Should().Equal(before);

        CliRun retention = Executable(stdin: null, influx, "retention", "run");
        retention.ExitCode.Should().Be(1, retention.ToString());
        retention.Stdout.Should().MatchRegex(@"acme\s+30 d.*\s+failed\n");
        retention.Stderr.Should().Contain("error: tenant acme: InfluxDB database 'rydbox': InfluxDB at http://127.0.0.1:");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>
    /// acme (30 days): box-a1 with a batch, event and dead letter from 40 days ago and from an hour
    /// ago, its online status with a VIN; zeta (forever): box-z1 the same.
    /// </summary>
    private async Task SeedAsync()
    {
        Run("tenants", "add", "acme", "--name", "ACME", "--retention-days", "30").ExitCode.Should().Be(0);
        Run("tenants", "add", "zeta", "--name", "Zeta");
        Run("devices", "add", "box-a1", "--tenant", "acme", "--vin", VehicleData.VinA).ExitCode.Should().Be(0);
        Run("devices", "add", "box-z1", "--tenant", "zeta").ExitCode.Should().Be(0);
        GatewayDatabase database = Database();
        var store = new SqliteTelemetryStore(database);
        DateTimeOffset now = DateTimeOffset.UtcNow;
        await VehicleData.SeedAsync(database, store, "box-a1", "acme", 1, now.AddDays(-40));
        await VehicleData.SeedAsync(database, store, "box-a1", "acme", 10, now.AddHours(-1), VehicleData.VinA);
        await VehicleData.SeedAsync(database, store, "box-z1", "zeta", 1, now.AddDays(-40));
        await VehicleData.SeedAsync(database, store, "box-z1", "zeta", 10, now.AddHours(-1), VehicleData.VinB);
    }

    private GatewayDatabase Database() => new(Path.Combine(DataDirectory, "rydbox.db"));

    private CliRun Run(params string[] arguments) => CliRun.InProcess([.. arguments, "--data-dir", DataDirectory]);

    /// <summary>The real executable in the test's directory, with standard input a pipe (given <paramref name="stdin"/>, or closed at once).</summary>
    private CliRun Executable(string? stdin, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        ProcessStartInfo start = StartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "rydbox-gateway.dll"), .. arguments]);
        start.RedirectStandardInput = true;
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Write(stdin ?? "");
        process.StandardInput.Close();
        return Finish(process);
    }

    /// <summary>
    /// The real executable with a pseudo-terminal as standard input (opened for reading and writing, as
    /// a login terminal is: .NET's console writes its echo there), on which <paramref name="answer"/>
    /// is typed once the prompt is shown.
    /// </summary>
    private CliRun OnTerminal(string answer, params string[] arguments)
    {
        using var terminal = new PseudoTerminal();
        ProcessStartInfo start = StartInfo("/bin/sh", ["-c", $"exec \"$@\" <> {terminal.SlavePath}", "sh", "dotnet", Path.Combine(AppContext.BaseDirectory, "rydbox-gateway.dll"), .. arguments]);
        using var process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = new StringBuilder();
        Task errors = Task.Run(async () =>
        {
            var buffer = new char[256];
            int read;
            while ((read = await process.StandardError.ReadAsync(buffer)) > 0)
            {
                lock (stderr)
                {
                    stderr.Append(buffer, 0, read);
                }
            }
        });
        string Stderr()
        {
            lock (stderr)
            {
                return stderr.ToString();
            }
        }

        // Typed once the prompt shows, as a person would.
        bool prompted = SpinWait.SpinUntil(() => Stderr().Contains("to confirm: ") || process.HasExited, TimeSpan.FromSeconds(30));
        if (!prompted || process.HasExited)
        {
            Kill(process);
            throw new InvalidOperationException($"no prompt; stderr: {Stderr()}");
        }

        terminal.Write(Encoding.ASCII.GetBytes(answer + "\n"));
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            var echo = new byte[1000];
            int n = terminal.Read(echo, 200);
            Kill(process);
            throw new TimeoutException($"rydbox-gateway did not finish within 30 s after the answer; the terminal shows {Convert.ToHexString(echo, 0, n)}; stderr: {Stderr()}");
        }

        process.WaitForExit();
        errors.Wait(TimeSpan.FromSeconds(10));
        return new CliRun(process.ExitCode, stdout.Result, Stderr());
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Gone already.
        }
    }

    private ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static CliRun Finish(Process process)
    {
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("rydbox-gateway did not finish within 60 s");
        }

        return new CliRun(process.ExitCode, stdout.Result, stderr.Result);
    }
}
