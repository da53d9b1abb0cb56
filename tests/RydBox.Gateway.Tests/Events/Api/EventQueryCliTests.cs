using System.CommandLine;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using RydBox.Gateway.Cli;
using RydBox.Gateway.Events.Model;
using RydBox.Gateway.Events.Storage;
using static RydBox.Gateway.Tests.Events.Api.EventApiRig;

namespace RydBox.Gateway.Tests.Events.Api;

/// <summary>`rydbox-gateway query vehicle-events` against the running API.</summary>
[Collection(EventApiCollection.Name)]
public sealed class EventQueryCliTests(EventApiRig rig) : IAsyncLifetime
{
    /// <summary>2032-06-01T08:00:00Z: apart from what the other test classes store.</summary>
    private static readonly long T0 = DateTimeOffset.Parse("2032-06-01T08:00:00Z").ToUnixTimeMilliseconds();

    private static readonly TripEvent Trip = new(T0, T0 + 1_200_000, new Place(52.5, 13.4), new Place(52.6, 13.5), 12.345, 88.04, 37, 0.9, TripSource.Ignition);
    private static readonly SpeedingEvent Speeding = new(T0 + 300_000, null, 50, 71.26, null);

    public Task InitializeAsync()
    {
        using SqliteConnection connection = rig.Gateway.OpenDatabase();
        using SqliteTransaction transaction = connection.BeginTransaction();
        VehicleEventStore.Upsert(connection, transaction, TenantA, CarA2, Trip, T0 + 1_200_000);
        VehicleEventStore.Upsert(connection, transaction, TenantA, CarA2, Speeding, T0 + 300_000);
        transaction.Commit();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_table_shows_each_event_with_a_summary_newest_first()
    {
        (int exit, string output, string error) = await Query("--vehicle", CarA2, "--from", "2032-06-01T00:00:00Z", "--to", "2032-06-02T00:00:00Z");

        exit.Should().Be(0, error);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(4);
        lines[0].Should().MatchRegex(@"^START\s+END\s+VEHICLE\s+KIND\s+SUMMARY\s+WITHDRAWN$");
        lines[2].Should().MatchRegex(@"^2032-06-01T08:05:00Z\s+\(ongoing\)\s+car-a2\s+speeding\s+max 71.3 km/h over 50 km/h$");
        lines[3].Should().MatchRegex(@"^2032-06-01T08:00:00Z\s+2032-06-01T08:20:00Z\s+car-a2\s+trip\s+12.3 km, max 88 km/h$");
    }

    [Fact]
    public async Task Kind_narrows_and_json_is_the_apis_answer()
    {
        (int exit, string output, _) = await Query("--kind", "trip", "--vehicle", CarA2, "--from", T0.ToString(System.Globalization.CultureInfo.InvariantCulture), "--format", "json");

        exit.Should().Be(0);
        JsonNode answer = JsonNode.Parse(output)!;
        answer["events"]!.AsArray().Select(e => (string?)e!["key"]).Should().Equal(Trip.Key);
        EventJson.Deserialize(answer["events"]![0]!["event"]!.ToJsonString()).Should().Be(Trip);
    }

    [Fact]
    public async Task Refusals_of_the_api_are_one_line_errors()
    {
        (int exit, _, string error) = await Query("--kind", "parking");
        exit.Should().Be(1);
        error.Should().StartWith("error: bad request (400): kind: 'parking' is not an event kind");

        (exit, _, error) = await Query("--vehicle", CarB1);
        exit.Should().Be(1);
        error.Should().StartWith("error: not found (404)");
    }

    private async Task<(int Exit, string Output, string Error)> Query(params string[] arguments)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        string[] all = ["query", "vehicle-events", .. arguments, "--url", rig.Gateway.ApiAddress.ToString(), "--key", rig.KeyA];
        int exit = await GatewayCommands.Create().Parse(all).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}
