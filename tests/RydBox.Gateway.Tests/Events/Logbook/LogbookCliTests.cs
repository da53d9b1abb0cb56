using System.CommandLine;
using System.Text.Json.Nodes;
using RydBox.Gateway.Cli;
using static RydBox.Gateway.Tests.Api.FleetSeed;
using static RydBox.Gateway.Tests.Events.Logbook.LogbookGateway;

namespace RydBox.Gateway.Tests.Events.Logbook;

/// <summary>`rydbox-gateway query logbook …` against the running API, as a person at a terminal runs it.</summary>
[Collection(LogbookCollection.Name)]
public sealed class LogbookCliTests(LogbookGateway gateway)
{
    private const string Day = "--from 2025-03-01 --to 2025-03-02";

    [Fact]
    public async Task Trips_as_a_table_read_like_a_logbook()
    {
        string car = gateway.NewVehicle();

        (int exit, string output, string error) = await Query($"logbook trips {car} {Day}");

        exit.Should().Be(0, error);
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().Equal(
            "KEY                 START                 END                   DISTANCE [km]  DURATION  MAX SPEED [km/h]  AVG SPEED [km/h]  FUEL [l]  SOURCE    PURPOSE  NOTE",
            "------------------  --------------------  --------------------  -------------  --------  ----------------  ----------------  --------  --------  -------  ----",
            "trip:1740823200000  2025-03-01T10:00:00Z  2025-03-01T10:30:00Z          23.46  0:30:00              104.5              46.9      1.75  ignition",
            "trip:1740826800000  2025-03-01T11:00:00Z  2025-03-01T11:15:00Z          12.50  0:15:00               60.0              50.0            movement",
            "trip:1740834000000  2025-03-01T13:00:00Z                                 1.00                        30.0              20.0            ignition");
    }

    [Fact]
    public async Task Trips_as_csv_are_the_apis_csv()
    {
        string car = gateway.NewVehicle();

        (int exit, string output, _) = await Query($"logbook trips {car} {Day} --format csv");
        string api = await gateway.Client(gateway.Seed.KeyA).GetStringAsync($"/api/v1/vehicles/{car}/trips.csv?from=2025-03-01&to=2025-03-02");

        exit.Should().Be(0);
        output.Should().Be(api);
        Rfc4180.Parse(output).Should().HaveCount(4);
    }

    [Fact]
    public async Task Classify_then_history_then_verify()
    {
        string car = gateway.NewVehicle();

        (int classifyExit, string classified, string classifyError) = await Run(["query", "logbook", "classify", car, Trip1.Key, "--purpose", "business", "--note", "Client visit, Munich", .. Connection()]);
        (int historyExit, string history, _) = await Query($"logbook history {car} {Trip1.StartUnixMs} --format csv");
        (int verifyExit, string verify, _) = await Query($"logbook verify {car}");
        (int jsonExit, string json, _) = await Query($"logbook verify {car} --format json");

        classifyExit.Should().Be(0, classifyError);
        classified.Split('\n')[2].Should().StartWith(Trip1.Key).And.Contain("business  Client visit, Munich");
        historyExit.Should().Be(0);
        List<string[]> rows = Rfc4180.Parse(history);
        rows[0].Should().Equal("id", "at", "change", "purpose", "note", "actor", "previous_hash", "hash");
        rows.Skip(1).Select(r => r[2]).Should().Equal("detected", "updated", "classified");
        rows[3][3..6].Should().Equal("business", "Client visit, Munich", "api-key:ka1");
        rows[3][7].Should().HaveLength(64, "CSV keeps the whole hash");
        verifyExit.Should().Be(0);
        string head = (string)JsonNode.Parse(json)!["headHash"]!;
        jsonExit.Should().Be(0);
        head.Should().Be(rows[3][7]);
        verify.Split('\n')[0].Should().Be($"the trip log of {car} verifies: 7 rows, head hash {head}");
    }

    [Fact]
    public async Task Verify_exits_2_and_names_the_broken_row_when_the_log_was_changed()
    {
        string car = gateway.NewVehicle();
        long[] ids = gateway.LogIds(car);
        gateway.Sql("DELETE FROM trip_log WHERE id = $id", ("$id", ids[1])).Should().Be(1);

        (int exit, string output, string error) = await Query($"logbook verify {car}");

        exit.Should().Be(QueryLogbookCommand.NotVerified, error);
        string[] lines = output.Split('\n');
        lines[0].Should().Be($"the trip log of {car} does NOT verify");
        lines[1].Should().StartWith($"first broken row {ids[2]} (trip {Trip2.Key}): row {ids[2]} names previous hash");
    }

    [Fact]
    public async Task A_refused_classification_says_why_and_exits_1()
    {
        string car = gateway.NewVehicle();

        (int exit, string output, string error) = await Query($"logbook classify {car} {Open.Key} --purpose private");
        (int badExit, _, string badError) = await Query($"logbook classify {car} {Trip1.Key} --purpose commute");
        (int otherExit, _, string otherError) = await Query($"logbook trips car-b1 {Day}");

        exit.Should().Be(1);
        output.Should().BeEmpty();
        error.Should().Be($"error: refused (409): trip '{Open.Key}' is still going on; classify it once it has ended{Environment.NewLine}");
        badExit.Should().NotBe(0);
        badError.Should().Contain("commute");
        otherExit.Should().Be(1);
        otherError.Should().Be($"error: not found (404): no vehicle 'car-b1' for this API key{Environment.NewLine}");
        gateway.LogIds(car).Should().HaveCount(6);
    }

    private string[] Connection() => ["--url", gateway.BaseAddress.ToString(), "--key", gateway.Seed.KeyA];

    private Task<(int Exit, string Output, string Error)> Query(string arguments) =>
        Run(["query", .. arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries), .. Connection()]);

    private static async Task<(int Exit, string Output, string Error)> Run(string[] arguments)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = await GatewayCommands.Create().Parse(arguments).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}
