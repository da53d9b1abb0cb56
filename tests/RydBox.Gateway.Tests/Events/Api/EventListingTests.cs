using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using RydBox.Gateway.Events.Model;
using RydBox.Gateway.Events.Storage;
using static RydBox.Gateway.Tests.Events.Api.EventApiRig;
using static RydBox.Gateway.Tests.Events.Api.Http;

namespace RydBox.Gateway.Tests.Events.Api;

/// <summary>GET /api/v1/events and /vehicles/{id}/vehicle-events over events stored as the processor stores them (VehicleEventStore.Upsert).</summary>
[Collection(EventApiCollection.Name)]
public sealed class EventListingTests(EventApiRig rig) : IAsyncLifetime
{
    /// <summary>2031-01-01T00:00:00Z: later than anything other test classes store.</summary>
    private static readonly long T0 = DateTimeOffset.Parse("2031-01-01T00:00:00Z").ToUnixTimeMilliseconds();

    /// <summary>The day the events happened: events other test classes store fall outside it.</summary>
    private static readonly string Day = $"from={T0}&to={T0 + 86_400_000}";

    private static readonly Place Home = new(52.52, 13.405);

    private static readonly TripEvent Trip = new(T0, T0 + 600_000, Home, new Place(52.53, 13.41), 4.2, 61, 25.2, null, TripSource.Ignition);
    private static readonly GeofenceEvent Exit = new(T0 + 60_000, "gf_abcdefghijkl", "Home", GeofenceTransition.Exit, Home);
    private static readonly TowingEvent Towing = new(T0 + 3_600_000, null, Home, null, [new TrackPoint(T0 + 3_600_000, Home)], false);
    private static readonly TripEvent Withdrawn = new(T0 + 7_200_000, T0 + 7_300_000, Home, Home, 0.4, 20, 14, null, TripSource.Movement);
    private static readonly DtcEvent Dtc = new(T0 + 120_000, "P0301", false);
    private static readonly TripEvent OtherTenantsTrip = new(T0 + 30_000, T0 + 90_000, Home, Home, 1, 30, 20, 0.1, TripSource.Ignition);

    /// <summary>Stores the events again before each test: upserts with the same times leave the same rows (tests of a collection run one at a time).</summary>
    public Task InitializeAsync()
    {
        using SqliteConnection connection = rig.Gateway.OpenDatabase();
        using SqliteTransaction transaction = connection.BeginTransaction();
        VehicleEventStore.Upsert(connection, transaction, TenantA, CarA1, Trip, T0 + 600_001);
        VehicleEventStore.Upsert(connection, transaction, TenantA, CarA1, Exit, T0 + 60_001);
        VehicleEventStore.Upsert(connection, transaction, TenantA, CarA1, Towing, T0 + 3_600_001);
        VehicleEventStore.Upsert(connection, transaction, TenantA, CarA1, Withdrawn, T0 + 7_300_001);
        VehicleEventStore.Withdraw(connection, transaction, CarA1, Withdrawn.Key, T0 + 7_400_000);
        VehicleEventStore.Upsert(connection, transaction, TenantA, CarA2, Dtc, T0 + 120_001);
        VehicleEventStore.Upsert(connection, transaction, TenantB, CarB1, OtherTenantsTrip, T0 + 90_001);
        transaction.Commit();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_tenants_events_come_newest_first_each_with_its_stored_body()
    {
        JsonNode answer = (await Get(rig.A, $"/api/v1/events?{Day}")).Expect(HttpStatusCode.OK)!;

        Keys(answer).Should().Equal(Towing.Key, Dtc.Key, Exit.Key, Trip.Key);
        JsonNode towing = answer["events"]![0]!;
        towing.ToJsonString().Should().Be(
            "{\"device\":\"car-a1\",\"kind\":\"towing\",\"key\":\"" + Towing.Key + "\",\"start\":\"2031-01-01T01:00:00Z\",\"end\":null,\"open\":true,\"withdrawn\":null,"
            + "\"updated\":\"2031-01-01T01:00:00.001Z\",\"event\":" + EventJson.Serialize(Towing) + "}");
        JsonNode trip = answer["events"]![3]!;
        ((string?)trip["end"]).Should().Be("2031-01-01T00:10:00Z");
        ((bool)trip["open"]!).Should().BeFalse();
        EventJson.Deserialize(trip["event"]!.ToJsonString()).Should().Be(Trip, "the body is the event as EventJson writes it");
    }

    [Fact]
    public async Task Kind_vehicle_range_and_limit_narrow_the_list()
    {
        Keys(await Ok($"/api/v1/events?kind=trip&{Day}")).Should().Equal(Trip.Key);
        Keys(await Ok($"/api/v1/events?vehicle={CarA2}&{Day}")).Should().Equal(Dtc.Key);
        Keys(await Ok($"/api/v1/events?from=2031-01-01T00:01:00Z&to={T0 + 3_600_000}")).Should().Equal(Dtc.Key, Exit.Key);
        Keys(await Ok($"/api/v1/events?{Day}&limit=2")).Should().Equal(Towing.Key, Dtc.Key);
        Keys(await Ok($"/api/v1/vehicles/{CarA1}/vehicle-events?{Day}")).Should().Equal(Towing.Key, Exit.Key, Trip.Key);
        Keys(await Ok($"/api/v1/vehicles/{CarA1}/vehicle-events?kind=geofence&{Day}")).Should().Equal(Exit.Key);
    }

    [Fact]
    public async Task Withdrawn_events_show_only_when_asked_with_when_they_were_withdrawn()
    {
        JsonNode answer = await Ok($"/api/v1/events?vehicle={CarA1}&kind=trip&{Day}&includeWithdrawn=true");

        Keys(answer).Should().Equal(Withdrawn.Key, Trip.Key);
        ((string?)answer["events"]![0]!["withdrawn"]).Should().Be("2031-01-01T02:03:20Z");
        answer["events"]![1]!["withdrawn"].Should().BeNull();
        Keys(await Ok($"/api/v1/events?vehicle={CarA1}&kind=trip&{Day}&includeWithdrawn=false")).Should().Equal(Trip.Key);
    }

    [Fact]
    public async Task Another_tenants_events_and_vehicles_stay_out_of_sight()
    {
        Keys(await Get(rig.B, $"/api/v1/events?{Day}").ContinueWith(t => t.Result.Expect(HttpStatusCode.OK)!)).Should().Equal(OtherTenantsTrip.Key);
        Keys(await Ok($"/api/v1/events?{Day}")).Should().NotContain(OtherTenantsTrip.Key);
        (await Get(rig.B, $"/api/v1/events?vehicle={CarA1}")).Expect(HttpStatusCode.NotFound);
        (await Get(rig.B, $"/api/v1/vehicles/{CarA1}/vehicle-events")).Expect(HttpStatusCode.NotFound);
        (await Get(rig.A, $"/api/v1/vehicles/{CarB1}/vehicle-events")).Expect(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("kind=parking", "kind", "'parking' is not an event kind")]
    [InlineData("limit=0", "limit", "not a whole number from 1 to 1000")]
    [InlineData("limit=5000", "limit", "not a whole number from 1 to 1000")]
    [InlineData("from=yesterday", "from", "neither an ISO 8601 time")]
    [InlineData("from=2031-01-02T00:00:00Z&to=2031-01-01T00:00:00Z", "from", "must be before to")]
    [InlineData("includeWithdrawn=maybe", "includeWithdrawn", "neither true nor false")]
    public async Task Bad_parameters_are_a_400_naming_the_parameter(string query, string parameter, string because)
    {
        var answer = await Get(rig.A, "/api/v1/events?" + query);

        answer.ShouldBeRefusedWith(because);
        ((string?)answer.Body!["parameter"]).Should().Be(parameter);
    }

    private async Task<JsonNode> Ok(string path) => (await Get(rig.A, path)).Expect(HttpStatusCode.OK)!;

    private static string?[] Keys(JsonNode answer) => [.. answer["events"]!.AsArray().Select(e => (string?)e!["key"])];
}
