using System.Text.Json;
using RydBox.Gateway.Identity;
using RydBox.Gateway.Storage;

namespace RydBox.Gateway.Tests.Identity;

public sealed class AdminCliTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rydbox-admin-cli-").FullName;

    private string DataDirectory => Path.Combine(_directory, "data");

    [Fact]
    public void A_tenant_and_a_device_made_with_the_cli_authenticate_against_the_same_database_until_revoked()
    {
        Run("tenants", "add", "acme", "--name", "ACME Fleet", "--retention-days", "90").Should().Match<CliRun>(r => r.ExitCode == 0 && r.Stdout.Contains("Tenant acme (ACME Fleet) added; telemetry and events are kept 90 days."));

        CliRun added = Run("devices", "add", "box-0042", "--tenant", "acme", "--name", "Van 42", "--vin", "1HGCM82633A004352");

        added.ExitCode.Should().Be(0, added.ToString());
        string secret = Line(added.Stdout, "secret:");
        secret.Should().MatchRegex("^[A-Za-z0-9_-]{43}$");
        added.Stdout.Should().Contain($"RYDBOX_DEVICE_SECRET={secret} rydbox-box run --device-id box-0042 --broker mqtt://<gateway-host>:1883");
        var directory = new SqliteDeviceDirectory(Database(), cacheLifetime: TimeSpan.Zero);
        directory.Authenticate("box-0042", secret).Should().BeTrue();

        CliRun list = Run("devices", "list");
        list.Stdout.Should().MatchRegex(@"ID\s+TENANT\s+NAME\s+VIN\s+STATE\s+CREATED\n")
            .And.MatchRegex(@"box-0042\s+acme\s+Van 42\s+1HGCM82633A004352\s+active\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ")
            .And.NotContain(secret);

        CliRun revoked = Run("devices", "revoke", "box-0042");
        revoked.ExitCode.Should().Be(0);
        revoked.Stdout.Should().Contain("Device box-0042 revoked");
        directory.Authenticate("box-0042", secret).Should().BeFalse();
        Run("devices", "list", "--tenant", "acme").Stdout.Should().MatchRegex(@"box-0042\s+acme.*\s+revoked\s");
    }

    [Fact]
    public void Json_output_is_for_programs_and_the_printed_key_opens_its_tenant()
    {
        Run("tenants", "add", "acme", "--name", "ACME").ExitCode.Should().Be(0);
        Run("tenants", "add", "zeta", "--name", "Zeta").ExitCode.Should().Be(0);

        using JsonDocument device = Json(Run("devices", "add", "box-1", "--tenant", "zeta", "--json", "--secret", "flashed-secret-007"));
        using JsonDocument key = Json(Run("keys", "add", "--tenant", "acme", "--name", "dashboard", "--json"));
        using JsonDocument tenants = Json(Run("tenants", "list", "--json"));
        using JsonDocument keys = Json(Run("keys", "list", "--tenant", "acme", "--json"));

        device.RootElement.GetProperty("secret").GetString().Should().Be("flashed-secret-007");
        device.RootElement.GetProperty("device").GetProperty("tenantId").GetString().Should().Be("zeta");
        string presented = key.RootElement.GetProperty("key").GetString()!;
        new SqliteApiKeyAuthenticator(Database(), cacheLifetime: TimeSpan.Zero).TenantOf(presented).Should().Be("acme");
        tenants.RootElement.EnumerateArray().Select(t => t.GetProperty("id").GetString()).Should().Equal("acme", "zeta");
        tenants.RootElement[0].GetProperty("retentionDays").ValueKind.Should().Be(JsonValueKind.Null);
        JsonElement listed = keys.RootElement.EnumerateArray().Single();
        listed.GetProperty("name").GetString().Should().Be("dashboard");
        listed.GetProperty("revoked").GetBoolean().Should().BeFalse();
        keys.RootElement.GetRawText().Should().NotContain(presented[17..], "a key is shown once, never listed");

        CliRun revoke = Run("keys", "revoke", listed.GetProperty("id").GetString()!);
        revoke.ExitCode.Should().Be(0, revoke.ToString());
        new SqliteApiKeyAuthenticator(Database(), cacheLifetime: TimeSpan.Zero).TenantOf(presented).Should().BeNull();
    }

    [Fact]
    public void Retention_is_set_in_days_or_none_and_anything_else_is_a_usage_error()
    {
        Run("tenants", "add", "acme", "--name", "ACME").ExitCode.Should().Be(0);

        Run("tenants", "retention", "acme", "30").Should().Match<CliRun>(r => r.ExitCode == 0 && r.Stdout.Contains("kept 30 days"));
        new TenantRegistry(Database()).Find("acme")!.RetentionDays.Should().Be(30);
        Run("tenants", "list").Stdout.Should().MatchRegex(@"acme\s+ACME\s+30 d\s");
        Run("tenants", "retention", "acme", "none").Should().Match<CliRun>(r => r.ExitCode == 0 && r.Stdout.Contains("kept forever"));
        new TenantRegistry(Database()).Find("acme")!.RetentionDays.Should().BeNull();

        CliRun words = Run("tenants", "retention", "acme", "soon");
        words.ExitCode.Should().Be(1);
        words.Stderr.Should().Contain("\"soon\" is neither a number of days nor \"none\"");
        Run("tenants", "retention", "acme", "0").Should().Match<CliRun>(r => r.ExitCode == 1 && r.Stderr.Contains("retention must be 1 to"));
        Run("tenants", "retention", "ghost", "5").Should().Match<CliRun>(r => r.ExitCode == 2 && r.Stderr.Contains("no tenant \"ghost\""));
    }

    [Fact]
    public void Exit_codes_are_1_for_usage_and_validation_and_2_for_what_is_not_there()
    {
        CliRun noDatabase = Run("devices", "list");
        noDatabase.ExitCode.Should().Be(2);
        noDatabase.Stderr.Should().Contain($"no gateway database at {Path.Combine(DataDirectory, "rydbox.db")}");
        File.Exists(Path.Combine(DataDirectory, "rydbox.db")).Should().BeFalse("only `tenants add` creates the database");
        Run("tenants", "add", "acme", "--name", "ACME").ExitCode.Should().Be(0);

        Run("tenants", "add", "acme", "--name", "Again").Should().Match<CliRun>(r => r.ExitCode == 1 && r.Stderr.Contains("tenant \"acme\" exists already"));
        Run("tenants", "add", "acme2").ExitCode.Should().Be(1, "--name is required");
        Run("tenants", "add", "acme2", "--name", "x", "--retention-days", "many").ExitCode.Should().Be(1);
        Run("devices", "add", "box 1", "--tenant", "acme").Should().Match<CliRun>(r => r.ExitCode == 1 && r.Stderr.Contains("not a valid device id"));
        Run("devices", "add", "box-1", "--tenant", "ghost").Should().Match<CliRun>(r => r.ExitCode == 2 && r.Stderr.Contains("no tenant \"ghost\""));
        Run("devices", "add", "box-1").ExitCode.Should().Be(1, "--tenant is required");
        Run("devices", "add", "box-1", "--tenant", "acme", "--vin", "123").Should().Match<CliRun>(r => r.ExitCode == 1 && r.Stderr.Contains("not a VIN"));
        Run("devices", "add", "box-1", "--tenant", "acme").ExitCode.Should().Be(0);
        Run("devices", "add", "box-1", "--tenant", "acme").Should().Match<CliRun>(r => r.ExitCode == 1 && r.Stderr.Contains("device \"box-1\" exists already"));
        Run("devices", "revoke", "box-9").Should().Match<CliRun>(r => r.ExitCode == 2 && r.Stderr.Contains("no device \"box-9\""));
        Run("devices", "list", "--tenant", "ghost").ExitCode.Should().Be(2);
        Run("keys", "add", "--tenant", "ghost").ExitCode.Should().Be(2);
        Run("keys", "revoke", "nosuchkey").ExitCode.Should().Be(2);
        Run("devices", "frobnicate").ExitCode.Should().Be(1);
        Run("keys", "list").Should().Match<CliRun>(r => r.ExitCode == 0 && r.Stdout.Contains("No API keys"));
    }

    [Fact]
    public void Many_devices_are_added_at_once_with_their_secrets_in_a_new_file_only()
    {
        Run("tenants", "add", "acme", "--name", "ACME").ExitCode.Should().Be(0);
        string file = Path.Combine(_directory, "fleet.csv");

        CliRun added = Run("devices", "add-many", "--tenant", "acme", "--count", "3", "--prefix", "sim-", "--out", file);

        added.Should().Match<CliRun>(r => r.ExitCode == 0 && r.Stdout.Contains("3 devices added to tenant acme (sim-00001 to sim-00003)"));
        string[] lines = File.ReadAllLines(file).Where(l => !l.StartsWith('#')).ToArray();
        lines.Select(l => l.Split(',')[0]).Should().Equal("sim-00001", "sim-00002", "sim-00003");
        lines.Select(l => l.Split(',')[1]).Should().OnlyHaveUniqueItems().And.AllSatisfy(secret => secret.Length.Should().BeGreaterThan(20));
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(file).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite, "the file holds every secret");
        }

        Run("devices", "list", "--tenant", "acme").Stdout.Should().Contain("sim-00003");

        Run("devices", "add-many", "--tenant", "acme", "--count", "2", "--prefix", "sim-", "--first", "3", "--out", Path.Combine(_directory, "again.csv"))
            .Should().Match<CliRun>(r => r.ExitCode == 1 && r.Stderr.Contains("device \"sim-00003\" exists already"));
        Run("devices", "add-many", "--tenant", "acme", "--count", "2", "--prefix", "other-", "--out", file)
            .Should().Match<CliRun>(r => r.ExitCode == 1 && r.Stderr.Contains("exists already: the secrets go into a new file"));
        Run("devices", "add-many", "--tenant", "ghost", "--count", "2", "--out", Path.Combine(_directory, "ghost.csv")).ExitCode.Should().Be(2);
        File.Exists(Path.Combine(_directory, "again.csv")).Should().BeFalse();
        File.Exists(Path.Combine(_directory, "ghost.csv")).Should().BeFalse("nothing was added, so no file");
    }

    [Fact]
    public void A_database_from_a_newer_gateway_is_a_clear_error_not_a_stack_trace()
    {
        Run("tenants", "add", "acme", "--name", "ACME").ExitCode.Should().Be(0);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(DataDirectory, "rydbox.db")};Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA user_version = {Schema.Version + 1}";
            command.ExecuteNonQuery();
        }

        CliRun list = Run("tenants", "list");

        list.ExitCode.Should().Be(1);
        list.Stderr.Should().StartWith("error: ").And.Contain("newer than this gateway").And.NotContain("   at ");
    }

    [Fact]
    public void Data_dir_may_stand_before_the_subcommand_and_an_empty_list_says_what_to_do()
    {
        CliRun add = CliRun.InProcess("tenants", "--data-dir", DataDirectory, "add", "acme", "--name", "ACME");
        add.ExitCode.Should().Be(0, add.ToString());

        CliRun devices = CliRun.InProcess("devices", "--data-dir", DataDirectory, "list");

        devices.ExitCode.Should().Be(0);
        devices.Stdout.Should().Contain("No devices: add one with `devices add <id> --tenant <tenant>`.");
        new TenantRegistry(Database()).List().Should().ContainSingle();
    }

    [Fact]
    public void Devices_reissue_prints_a_new_secret_and_the_old_one_stops_working()
    {
        Run("tenants", "add", "acme", "--name", "ACME");
        string first = Line(Run("devices", "add", "box-1", "--tenant", "acme").Stdout, "secret:");

        CliRun reissued = Run("devices", "reissue", "box-1");

        reissued.ExitCode.Should().Be(0, reissued.ToString());
        string second = Line(reissued.Stdout, "secret:");
        second.Should().NotBe(first);
        var directory = new SqliteDeviceDirectory(Database(), cacheLifetime: TimeSpan.Zero);
        directory.Authenticate("box-1", first).Should().BeFalse();
        directory.Authenticate("box-1", second).Should().BeTrue();
    }

    [Fact]
    public void Export_mosquitto_writes_both_files_and_warns_about_what_it_left_out()
    {
        Run("tenants", "add", "acme", "--name", "ACME");
        string secret = Line(Run("devices", "add", "box-1", "--tenant", "acme").Stdout, "secret:");
        Run("devices", "add", "box-2", "--tenant", "acme");
        Run("devices", "revoke", "box-2");
        string passwords = Path.Combine(_directory, "passwd");
        string acl = Path.Combine(_directory, "acl");

        CliRun export = Run("export-mosquitto", "--passwords", passwords, "--acl", acl, "--gateway-user", "gw", "--gateway-password", "gw-password");

        export.ExitCode.Should().Be(0, export.ToString());
        export.Stdout.Should().Contain("Wrote 1 device account(s) and the gateway account gw").And.Contain("Left out, revoked: box-2.");
        File.ReadAllLines(passwords).Select(l => l.Split(':')[0]).Should().Equal("gw", "box-1");
        MosquittoPasswordHash.Verify(secret, File.ReadAllLines(passwords)[1].Split(':', 2)[1]).Should().BeTrue();
        File.ReadAllText(acl).Should().Contain("user box-1\n");

        CliRun noGateway = Run("export-mosquitto", "--passwords", passwords, "--acl", acl);
        noGateway.ExitCode.Should().Be(0);
        noGateway.Stderr.Should().Contain("warning: no gateway account exported");
        Run("export-mosquitto", "--passwords", passwords, "--acl", acl, "--gateway-user", "gw").Should()
            .Match<CliRun>(r => r.ExitCode == 1 && r.Stderr.Contains("needs a password"));
        Run("export-mosquitto", "--passwords", passwords, "--acl", acl, "--gateway-user", "box-1", "--gateway-password", "x").Should()
            .Match<CliRun>(r => r.ExitCode == 1 && r.Stderr.Contains("also a device id"));
        Run("export-mosquitto", "--acl", acl).ExitCode.Should().Be(1, "--passwords is required");
    }

    [Fact]
    public void The_executable_finds_the_data_directory_in_appsettings_json_and_the_environment_like_the_gateway()
    {
        File.WriteAllText(Path.Combine(_directory, "appsettings.json"), """{ "RydBox": { "DataDirectory": "from-json" } }""");

        CliRun fromJson = CliRun.AsProcess(_directory, new Dictionary<string, string>(), "tenants", "add", "acme", "--name", "ACME");
        CliRun fromEnvironment = CliRun.AsProcess(_directory, new Dictionary<string, string> { ["RydBox__DataDirectory"] = "from-env" }, "tenants", "add", "zeta", "--name", "Zeta");
        CliRun listed = CliRun.AsProcess(_directory, new Dictionary<string, string>(), "tenants", "list", "--json");
        CliRun missing = CliRun.AsProcess(_directory, new Dictionary<string, string>(), "devices", "revoke", "nothing-here");

        fromJson.ExitCode.Should().Be(0, fromJson.ToString());
        fromEnvironment.ExitCode.Should().Be(0, fromEnvironment.ToString());
        new TenantRegistry(new GatewayDatabase(Path.Combine(_directory, "from-json", "rydbox.db"))).List().Select(t => t.Id).Should().Equal("acme");
        new TenantRegistry(new GatewayDatabase(Path.Combine(_directory, "from-env", "rydbox.db"))).List().Select(t => t.Id).Should().Equal("zeta");
        listed.Stdout.Should().Contain("\"id\": \"acme\"").And.NotContain("zeta");
        missing.ExitCode.Should().Be(2, missing.ToString());
        missing.Stderr.Should().Contain("error: no device \"nothing-here\"");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private CliRun Run(params string[] arguments) => CliRun.InProcess([.. arguments, "--data-dir", DataDirectory]);

    private GatewayDatabase Database() => new(Path.Combine(DataDirectory, "rydbox.db"));

    private static JsonDocument Json(CliRun run)
    {
        run.ExitCode.Should().Be(0, run.ToString());
        return JsonDocument.Parse(run.Stdout);
    }

    private static string Line(string output, string label) =>
        output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith(label, StringComparison.Ordinal))[label.Length..].Trim();
}
