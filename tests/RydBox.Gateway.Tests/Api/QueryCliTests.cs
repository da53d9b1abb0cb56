using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using RydBox.Gateway.Cli;
using static RydBox.Gateway.Tests.Api.ApiJson;
using static RydBox.Gateway.Tests.Api.FleetSeed;

namespace RydBox.Gateway.Tests.Api;

/// <summary>`rydbox-gateway query …` against the running API, as a person at a terminal runs it.</summary>
[Collection(ApiCollection.Name)]
public sealed class QueryCliTests(SeededGateway gateway)
{
    private static readonly string Range = $"--from {Iso(T0)} --to {Iso(T0 + 180_000)}";

    [Fact]
    public async Task Vehicles_as_a_table_has_aligned_columns()
    {
        (int exit, string output, string error) = await Query("vehicles");

        exit.Should().Be(0, error);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(4, "a header, a rule and two vehicles");
        lines[0].Should().StartWith("ID      NAME            VIN                ONLINE  LAST SEEN");
        lines[1].Should().MatchRegex("^-+  -+  -+  -+  -+  -+  -+$");
        foreach ((string header, string cell) in new[] { ("NAME", "Delivery van 1"), ("VIN", "WVWZZZ1JZXW000001"), ("ONLINE", "yes"), ("LAST SEEN", Iso(T0 + 7_200_000)), ("FIRMWARE", "1.4.2") })
        {
            lines[2].IndexOf(cell, StringComparison.Ordinal).Should().Be(lines[0].IndexOf(header, StringComparison.Ordinal), $"{cell} sits under {header}");
        }

        lines[3].Should().StartWith("car-a2").And.Contain(" no ");
    }

    [Fact]
    public async Task Vehicles_as_csv_are_exact_values_with_a_header()
    {
        (int exit, string output, _) = await Query("vehicles --format csv");

        exit.Should().Be(0);
        output.Should().Be(
            "id,name,vin,online,last_seen,firmware,revoked\r\n"
            + $"car-a1,Delivery van 1,WVWZZZ1JZXW000001,true,{Iso(T0 + 7_200_000)},1.4.2,false\r\n"
            + "car-a2,,,false,,,false\r\n");
    }

    [Fact]
    public async Task Json_is_the_apis_answer()
    {
        (int exit, string output, _) = await Query("latest car-a1 --format json");
        JsonNode api = await OkAsync(gateway.Client(gateway.Seed.KeyA), "/api/v1/vehicles/car-a1/latest");

        exit.Should().Be(0);
        JsonNode.Parse(output).ShouldEqualJson(api.ToJsonString());
        output.Should().Contain("\n  \"vehicleId\": \"car-a1\"", "indented for reading");
    }

    [Fact]
    public async Task Latest_as_a_table_shows_the_vehicle_then_its_signals()
    {
        (int exit, string output, _) = await Query("latest car-a1");

        exit.Should().Be(0);
        string[] lines = output.Split('\n');
        lines[0].Should().Be("vehicle   car-a1 (Delivery van 1)");
        lines[1].Should().Be("vin       WVWZZZ1JZXW000001");
        lines[2].Should().Be($"online    yes, last seen {Iso(T0 + 7_200_000)}");
        lines[3].Should().Be($"position  48.13, 11.57 at {Iso(T0 + 3_600_000)}");
        lines.Should().Contain(line => line.StartsWith("engine_rpm ") && line.Contains(" 2400  rpm "));
        lines.Should().Contain(line => line.StartsWith("supply_voltage ") && line.Contains(" 14.123  V "));
    }

    [Fact]
    public async Task Telemetry_as_csv_is_the_apis_csv()
    {
        (int exit, string output, _) = await Query($"telemetry car-a1 {Range} --fields vehicle_speed,engine_rpm --format csv");
        string api = await gateway.Client(gateway.Seed.KeyA).GetStringAsync(
            $"/api/v1/vehicles/car-a1/telemetry?from={Iso(T0)}&to={Iso(T0 + 180_000)}&fields=vehicle_speed,engine_rpm&format=csv");

        exit.Should().Be(0);
        output.Should().Be(api);
        output.Should().StartWith("time,vehicle_speed,engine_rpm\r\n2025-03-01T10:00:00.000Z,0,800\r\n");
    }

    [Fact]
    public async Task Downsampled_telemetry_as_a_table_has_units_in_the_headers()
    {
        (int exit, string output, _) = await Query($"telemetry car-a1 {Range} --fields vehicle_speed --every 1m --agg max");

        exit.Should().Be(0);
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal(
            $"max per 1m from {Iso(T0)} to {Iso(T0 + 180_000)}",
            "TIME                  VEHICLE SPEED [km/h]",
            "--------------------  --------------------",
            "2025-03-01T10:00:00Z                    50",
            "2025-03-01T10:01:00Z                    80",
            "2025-03-01T10:02:00Z                   110");
    }

    [Fact]
    public async Task Track_events_and_dead_letters_print_one_row_each()
    {
        (int trackExit, string track, _) = await Query($"track car-a1 {Range} --format csv");
        (int eventsExit, string events, _) = await Query($"events car-a1 --from 2025-03-01 --to 2025-03-02 --format csv");
        (int lettersExit, string letters, _) = await Query("dead-letters");

        (trackExit, eventsExit, lettersExit).Should().Be((0, 0, 0));
        string[] trackLines = track.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        trackLines.Should().HaveCount(19);
        trackLines[0].Should().Be("time,latitude,longitude");
        trackLines[1].Should().Be($"{Iso(T0)},48.1234567,11.5678901");
        events.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Should().Equal(
            "time,type,value,detail,latitude,longitude,sequence",
            $"{Iso(T0)},ignition_on,0,,48.1234567,11.5678901,100",
            $"{Iso(T0 + 60_000)},dtc_set,0,P0301,,,101",
            $"{Iso(T0 + 100_000)},unknown_99,7,,,,102",
            $"{Iso(T0 + 7_200_000)},low_battery,11800,,,,103");
        string[] letterLines = letters.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        letterLines.Should().HaveCount(4);
        letterLines[2].Should().Contain("Oversized").And.Contain("rydbox/v1/car-a1/event");
    }

    [Fact]
    public async Task The_key_may_follow_the_subcommand_or_precede_it()
    {
        (int exit, string output, _) = await Run(["query", "--key", gateway.Seed.KeyB, "--url", gateway.BaseAddress.ToString(), "vehicles", "--format", "csv"]);

        exit.Should().Be(0);
        output.Should().Contain("car-b1,Other van");
    }

    [Fact]
    public async Task A_gateway_that_is_not_running_is_named_with_a_hint()
    {
        int port = UnusedPort();

        (int exit, string output, string error) = await Run(["query", "vehicles", "--url", $"http://127.0.0.1:{port}", "--key", gateway.Seed.KeyA]);

        exit.Should().Be(1);
        output.Should().BeEmpty();
        error.Should().Be($"error: cannot reach the gateway at http://127.0.0.1:{port}: connection refused. Is the gateway running? Start it with 'rydbox-gateway serve', or point --url at it.{Environment.NewLine}");
    }

    [Fact]
    public async Task A_refused_key_says_so_and_how_to_pass_one()
    {
        (int exit, _, string error) = await Run(["query", "vehicles", "--url", gateway.BaseAddress.ToString(), "--key", "rbk_ka1_wrong"]);

        exit.Should().Be(1);
        error.Should().StartWith("error: the gateway refused the API key (401): the API key is unknown, revoked or malformed.").And.Contain("--key or RYDBOX_API_KEY");
    }

    [Fact]
    public async Task Another_tenants_vehicle_is_not_found()
    {
        (int exit, _, string error) = await Query("latest car-b1");

        exit.Should().Be(1);
        error.Should().Be($"error: not found (404): no vehicle 'car-b1' for this API key{Environment.NewLine}");
    }

    [Fact]
    public async Task A_bad_parameter_shows_the_apis_reason()
    {
        (int exit, _, string error) = await Query("telemetry car-a1 --from yesterday");

        exit.Should().Be(1);
        error.Should().StartWith("error: bad request (400): from: 'yesterday' is neither an ISO 8601 time");
    }

    [Fact]
    public async Task A_url_that_is_not_http_is_refused_before_any_request()
    {
        (int exit, _, string error) = await Run(["query", "vehicles", "--url", "ftp://gateway", "--key", "rbk_x_y"]);

        exit.Should().Be(1);
        error.Should().Contain("--url 'ftp://gateway' is not an http:// or https:// address");
    }

    private Task<(int Exit, string Output, string Error)> Query(string arguments) =>
        Run(["query", .. arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--url", gateway.BaseAddress.ToString(), "--key", gateway.Seed.KeyA]);

    private static async Task<(int Exit, string Output, string Error)> Run(string[] arguments)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = await GatewayCommands.Create().Parse(arguments).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    private static int UnusedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
