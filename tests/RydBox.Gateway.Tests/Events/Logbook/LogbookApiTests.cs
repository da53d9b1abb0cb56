using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using RydBox.Gateway.Events.Logbook;
using RydBox.Gateway.Events.Model;
using static RydBox.Gateway.Tests.Api.ApiJson;
using static RydBox.Gateway.Tests.Api.FleetSeed;
using static RydBox.Gateway.Tests.Events.Logbook.LogbookGateway;

namespace RydBox.Gateway.Tests.Events.Logbook;

/// <summary>The logbook endpoints over HTTP against the real gateway and its SQLite file.</summary>
[Collection(LogbookCollection.Name)]
public sealed class LogbookApiTests(LogbookGateway gateway)
{
    private static readonly string Day = "from=2025-03-01&to=2025-03-02";

    private HttpClient A => gateway.Client(gateway.Seed.KeyA);

    [Fact]
    public async Task Trips_are_the_vehicles_trips_oldest_first_without_withdrawn_ones()
    {
        string car = gateway.NewVehicle();

        JsonNode answer = await OkAsync(A, $"/api/v1/vehicles/{car}/trips?{Day}");

        answer["trips"]!.AsArray().Select(t => (string?)t!["key"]).Should().Equal(Trip1.Key, Trip2.Key, Open.Key);
        answer["nextFrom"].Should().BeNull();
        answer["trips"]![0].ShouldEqualJson($$"""
            {
              "key": "trip:{{T0}}", "start": "{{Iso(T0)}}", "end": "{{Iso(T0 + 1_800_000)}}",
              "startPlace": { "latitude": 48.1234567, "longitude": 11.5678901 }, "endPlace": { "latitude": 48.2, "longitude": 11.7 },
              "distanceKm": 23.456, "durationS": 1800, "maxSpeedKmh": 104.5, "averageSpeedKmh": 46.9, "fuelLitres": 1.75,
              "source": "ignition", "purpose": null, "note": null, "classifiedAt": null, "classifiedBy": null,
              "updated": "{{Iso(StoredAt(Trip1))}}"
            }
            """);
        ((string?)answer["trips"]![1]!["source"]).Should().Be("movement");
        answer["trips"]![1]!["fuelLitres"].Should().BeNull();
        answer["trips"]![2]!["end"].Should().BeNull("the open trip has no end yet");
        answer["trips"]![2]!["durationS"].Should().BeNull();
    }

    [Fact]
    public async Task A_limit_pages_on_with_next_from_and_a_csv_that_would_be_cut_short_is_refused()
    {
        string car = gateway.NewVehicle();

        JsonNode first = await OkAsync(A, $"/api/v1/vehicles/{car}/trips?{Day}&limit=2");
        JsonNode rest = await OkAsync(A, $"/api/v1/vehicles/{car}/trips?from={Uri.EscapeDataString((string)first["nextFrom"]!)}&to=2025-03-02&limit=2");
        (HttpStatusCode csvStatus, _, JsonNode? problem) = await GetAsync(A, $"/api/v1/vehicles/{car}/trips.csv?{Day}&limit=2");

        first["trips"]!.AsArray().Select(t => (string?)t!["key"]).Should().Equal(Trip1.Key, Trip2.Key);
        ((string?)first["nextFrom"]).Should().Be(Iso(Open.StartUnixMs));
        rest["trips"]!.AsArray().Select(t => (string?)t!["key"]).Should().Equal(Open.Key);
        rest["nextFrom"].Should().BeNull();
        csvStatus.Should().Be(HttpStatusCode.BadRequest);
        ((string?)problem!["parameter"]).Should().Be("limit");
    }

    [Fact]
    public async Task The_csv_export_parses_back_to_the_json_values_with_a_classified_note_intact()
    {
        string car = gateway.NewVehicle();
        const string note = "Client \"Müller\", Munich,\r\nthen depot";
        (await Classify(car, Trip2.Key, "business", note)).StatusCode.Should().Be(HttpStatusCode.OK);

        using HttpResponseMessage response = await A.GetAsync($"/api/v1/vehicles/{car}/trips.csv?{Day}");
        string csv = await response.Content.ReadAsStringAsync();
        string viaFormat = await A.GetStringAsync($"/api/v1/vehicles/{car}/trips?{Day}&format=csv");
        using var accept = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/vehicles/{car}/trips?{Day}");
        accept.Headers.Accept.ParseAdd("text/csv");
        string viaAccept = await (await A.SendAsync(accept)).Content.ReadAsStringAsync();

        response.Content.Headers.ContentType!.ToString().Should().Be("text/csv; charset=utf-8");
        viaFormat.Should().Be(csv);
        viaAccept.Should().Be(csv);
        List<string[]> records = Rfc4180.Parse(csv);
        records.Should().HaveCount(4, "a header and three trips");
        records[0].Should().Equal("key", "start", "end", "start_latitude", "start_longitude", "end_latitude", "end_longitude",
            "distance_km", "duration_s", "max_speed_kmh", "avg_speed_kmh", "fuel_litres", "source", "purpose", "note", "classified_at", "classified_by");
        records[1].Should().Equal(Trip1.Key, "2025-03-01T10:00:00.000Z", "2025-03-01T10:30:00.000Z", "48.1234567", "11.5678901", "48.2", "11.7",
            "23.456", "1800", "104.5", "46.9", "1.75", "ignition", "", "", "", "");
        records[2][..14].Should().Equal(Trip2.Key, "2025-03-01T11:00:00.000Z", "2025-03-01T11:15:00.000Z", "48.2", "11.7", "48.25", "11.8",
            "12.5", "900", "60", "50", "", "movement", "business");
        records[2][14].Should().Be(note, "quotes, commas and the line break survive the CSV");
        records[2][15].Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$");
        records[2][16].Should().Be("api-key:ka1");
        records[3][2].Should().BeEmpty("the open trip has no end");
    }

    [Fact]
    public async Task Classifying_appends_a_row_the_history_shows_and_the_chain_still_verifies()
    {
        string car = gateway.NewVehicle();
        JsonNode before = await OkAsync(A, $"/api/v1/vehicles/{car}/logbook/verify");

        using HttpResponseMessage put = await Classify(car, Trip1.Key, "Business", "  Site visit  ");
        JsonNode trip = JsonNode.Parse(await put.Content.ReadAsStringAsync())!;
        JsonNode history = await OkAsync(A, $"/api/v1/vehicles/{car}/trips/{Trip1.Key}/history");
        JsonNode after = await OkAsync(A, $"/api/v1/vehicles/{car}/logbook/verify");

        put.StatusCode.Should().Be(HttpStatusCode.OK);
        ((string?)trip["purpose"]).Should().Be("business", "the purpose is stored in lower case");
        ((string?)trip["note"]).Should().Be("Site visit", "the note is trimmed");
        ((string?)trip["classifiedBy"]).Should().Be("api-key:ka1", "the actor is the id of the key that asked");
        ((string?)trip["key"]).Should().Be(Trip1.Key);

        JsonArray rows = history["rows"]!.AsArray();
        rows.Select(r => (string?)r!["change"]).Should().Equal("detected", "updated", "classified");
        JsonNode classified = rows[2]!;
        ((string?)classified["purpose"]).Should().Be("business");
        ((string?)classified["actor"]).Should().Be("api-key:ka1");
        ((string?)classified["body"]).Should().Be(EventJson.Serialize(Trip1), "the classified row holds the trip as it was stored");
        ((string?)classified["previousHash"]).Should().Be((string?)before["headHash"], "the row chains to the device's newest row, whatever trip it was");
        var entry = new TripLogEntry(car, Trip1.Key, "classified", "business", "Site visit", (string)classified["body"]!, "api-key:ka1", (long)classified["atUnixMs"]!);
        ((string?)classified["hash"]).Should().Be(TripLogHash.Compute(entry, (string)classified["previousHash"]!), "an auditor recomputes it from the answer alone");

        before.ShouldEqualJson($$"""{"vehicleId": "{{car}}", "valid": true, "rows": 6, "headId": {{(long)before["headId"]!}}, "headHash": "{{(string)before["headHash"]!}}", "firstBroken": null, "anchor": null}""");
        ((bool)after["valid"]!).Should().BeTrue();
        ((long)after["rows"]!).Should().Be(7);
        ((string?)after["headHash"]).Should().Be((string?)classified["hash"]);
        ((long)after["headId"]!).Should().Be((long)classified["id"]!);
    }

    [Fact]
    public async Task The_same_classification_again_adds_nothing_and_a_new_one_is_another_row_that_counts()
    {
        string car = gateway.NewVehicle();

        (await Classify(car, Trip2.Key, "private", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Classify(car, Trip2.Key, "private", "   ")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Classify(car, $"{Trip2.StartUnixMs}", "business", "Customer")).StatusCode.Should().Be(HttpStatusCode.OK);
        JsonNode history = await OkAsync(A, $"/api/v1/vehicles/{car}/trips/{Trip2.StartUnixMs}/history");
        JsonNode list = await OkAsync(A, $"/api/v1/vehicles/{car}/trips?{Day}");

        history["rows"]!.AsArray().Select(r => $"{r!["change"]}/{r["purpose"]}/{r["note"]}").Should().Equal("detected//", "classified/private/", "classified/business/Customer");
        ((string?)history["tripKey"]).Should().Be(Trip2.Key, "a bare start in ms names the same trip");
        JsonNode trip2 = list["trips"]!.AsArray().Single(t => (string?)t!["key"] == Trip2.Key)!;
        ((string?)trip2["purpose"]).Should().Be("business");
        ((string?)trip2["note"]).Should().Be("Customer");
        list["trips"]!.AsArray().Where(t => (string?)t!["key"] != Trip2.Key).Should().OnlyContain(t => t!["purpose"] == null);
    }

    [Theory]
    [InlineData("""{"purpose": "commute"}""", "purpose", "'commute' is not a purpose; use business or private")]
    [InlineData("""{"note": "no purpose"}""", "purpose", "'' is not a purpose")]
    [InlineData("""{"purpose": "business", "note": 42}""", "body", "not the JSON")]
    [InlineData("""not json""", "body", "not the JSON")]
    [InlineData("""{"purpose": "private", "note": "bell\u0007"}""", "note", "control characters")]
    public async Task A_bad_classification_is_400_naming_what_is_wrong_and_stores_nothing(string body, string parameter, string detail)
    {
        string car = gateway.NewVehicle();

        using HttpResponseMessage response = await A.PutAsync($"/api/v1/vehicles/{car}/trips/{Trip1.Key}/classification", new StringContent(body, Encoding.UTF8, "application/json"));
        JsonNode problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        ((string?)problem["parameter"]).Should().Be(parameter);
        ((string?)problem["detail"]).Should().Contain(detail);
        gateway.LogIds(car).Should().HaveCount(6);
    }

    [Fact]
    public async Task A_note_of_500_characters_is_kept_and_one_of_501_is_refused()
    {
        string car = gateway.NewVehicle();
        string longest = string.Concat(Enumerable.Repeat("ä", 499)) + "😀";

        using HttpResponseMessage kept = await Classify(car, Trip1.Key, "private", longest);
        using HttpResponseMessage refused = await Classify(car, Trip2.Key, "private", longest + "x");

        kept.StatusCode.Should().Be(HttpStatusCode.OK, "500 characters, one of them outside the BMP");
        ((string?)JsonNode.Parse(await kept.Content.ReadAsStringAsync())!["note"]).Should().Be(longest);
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        ((string?)JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["detail"]).Should().Contain("501 characters, more than the 500");
    }

    [Fact]
    public async Task Withdrawn_and_open_trips_are_409_and_unknown_ones_404()
    {
        string car = gateway.NewVehicle();

        using HttpResponseMessage withdrawn = await Classify(car, Withdrawn.Key, "business", null);
        using HttpResponseMessage open = await Classify(car, Open.Key, "business", null);
        using HttpResponseMessage unknown = await Classify(car, "trip:123", "business", null);
        using HttpResponseMessage notATrip = await Classify(car, "towing:" + T0, "business", null);
        (HttpStatusCode historyStatus, _, _) = await GetAsync(A, $"/api/v1/vehicles/{car}/trips/trip:123/history");
        JsonNode withdrawnHistory = await OkAsync(A, $"/api/v1/vehicles/{car}/trips/{Withdrawn.Key}/history");

        withdrawn.StatusCode.Should().Be(HttpStatusCode.Conflict);
        ((string?)JsonNode.Parse(await withdrawn.Content.ReadAsStringAsync())!["detail"]).Should().Contain("was withdrawn");
        open.StatusCode.Should().Be(HttpStatusCode.Conflict);
        ((string?)JsonNode.Parse(await open.Content.ReadAsStringAsync())!["detail"]).Should().Contain("still going on");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        ((string?)JsonNode.Parse(await unknown.Content.ReadAsStringAsync())!["detail"]).Should().Be($"no trip 'trip:123' in the logbook of vehicle '{car}'");
        notATrip.StatusCode.Should().Be(HttpStatusCode.NotFound);
        historyStatus.Should().Be(HttpStatusCode.NotFound);
        withdrawnHistory["rows"]!.AsArray().Select(r => (string?)r!["change"]).Should().Equal("detected", "withdrawn");
        gateway.LogIds(car).Should().HaveCount(6, "nothing refused was logged");
    }

    [Theory]
    [InlineData("GET", "/api/v1/vehicles/{0}/trips?from=2025-03-01&to=2025-03-02")]
    [InlineData("GET", "/api/v1/vehicles/{0}/trips.csv?from=2025-03-01&to=2025-03-02")]
    [InlineData("PUT", "/api/v1/vehicles/{0}/trips/trip:1740823200000/classification")]
    [InlineData("GET", "/api/v1/vehicles/{0}/trips/trip:1740823200000/history")]
    [InlineData("GET", "/api/v1/vehicles/{0}/logbook/verify")]
    public async Task Another_tenants_vehicle_is_404_exactly_like_no_vehicle_and_its_log_is_untouched(string method, string path)
    {
        string theirs = gateway.NewVehicle(TenantB);

        using HttpResponseMessage other = await Send(A, method, string.Format(path, theirs));
        using HttpResponseMessage own = await Send(gateway.Client(gateway.Seed.KeyB), method, string.Format(path, theirs));
        using HttpResponseMessage none = await Send(A, method, string.Format(path, "car-zz"));

        own.StatusCode.Should().Be(HttpStatusCode.OK, "tenant B's own key reaches it");
        other.StatusCode.Should().Be(HttpStatusCode.NotFound);
        none.StatusCode.Should().Be(HttpStatusCode.NotFound);
        ((string?)JsonNode.Parse(await other.Content.ReadAsStringAsync())!["detail"]).Should().Be($"no vehicle '{theirs}' for this API key");
        gateway.LogIds(theirs).Should().HaveCount(method == "PUT" ? 7 : 6, "only the owner's classification was logged");
    }

    [Fact]
    public async Task A_changed_body_is_reported_as_the_row_whose_hash_no_longer_matches()
    {
        string car = gateway.NewVehicle();
        long target = gateway.LogIds(car)[2];

        gateway.WithoutAppendOnlyTrigger(() => gateway.Sql("UPDATE trip_log SET body = replace(body, '12.5', '1.25') WHERE id = $id", ("$id", target)).Should().Be(1));
        JsonNode verify = await OkAsync(A, $"/api/v1/vehicles/{car}/logbook/verify");

        ((bool)verify["valid"]!).Should().BeFalse();
        ((long)verify["firstBroken"]!["id"]!).Should().Be(target);
        ((string?)verify["firstBroken"]!["reason"]).Should().Be("hash_mismatch");
        ((string?)verify["firstBroken"]!["tripKey"]).Should().Be(Trip2.Key);
        ((string?)verify["firstBroken"]!["detail"]).Should().Contain("changed after it was written");
        ((long)verify["rows"]!).Should().Be(6);
    }

    [Fact]
    public async Task A_changed_purpose_is_reported_and_so_is_a_changed_row_whose_hash_was_recomputed()
    {
        string car = gateway.NewVehicle();
        string other = gateway.NewVehicle();
        (await Classify(car, Trip1.Key, "private", "Holiday")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Classify(other, Trip1.Key, "private", "Holiday")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Classify(other, Trip2.Key, "private", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        long classified = gateway.LogIds(car)[^1];
        long[] otherIds = gateway.LogIds(other);
        JsonNode rewritten = (await OkAsync(A, $"/api/v1/vehicles/{other}/trips/{Trip1.Key}/history"))["rows"]!.AsArray()[^1]!;
        var forged = new TripLogEntry(other, Trip1.Key, "classified", "business", "Holiday", (string)rewritten["body"]!, (string)rewritten["actor"]!, (long)rewritten["atUnixMs"]!);

        gateway.WithoutAppendOnlyTrigger(() =>
        {
            gateway.Sql("UPDATE trip_log SET purpose = 'business' WHERE id = $id", ("$id", classified)).Should().Be(1);
            gateway.Sql("UPDATE trip_log SET purpose = 'business', hash = $hash WHERE id = $id",
                ("$id", otherIds[^2]), ("$hash", TripLogHash.Compute(forged, (string)rewritten["previousHash"]!))).Should().Be(1);
        });
        JsonNode changed = await OkAsync(A, $"/api/v1/vehicles/{car}/logbook/verify");
        JsonNode rehashed = await OkAsync(A, $"/api/v1/vehicles/{other}/logbook/verify");

        ((long)changed["firstBroken"]!["id"]!).Should().Be(classified);
        ((string?)changed["firstBroken"]!["reason"]).Should().Be("hash_mismatch");
        ((bool)rehashed["valid"]!).Should().BeFalse();
        ((long)rehashed["firstBroken"]!["id"]!).Should().Be(otherIds[^1], "the forged row's own hash fits, so the break shows at the row after it");
        ((string?)rehashed["firstBroken"]!["reason"]).Should().Be("previous_hash_mismatch");
    }

    [Fact]
    public async Task A_deleted_middle_row_is_reported_at_the_row_after_it()
    {
        string car = gateway.NewVehicle();
        long[] ids = gateway.LogIds(car);

        gateway.Sql("DELETE FROM trip_log WHERE id = $id", ("$id", ids[3])).Should().Be(1);
        JsonNode verify = await OkAsync(A, $"/api/v1/vehicles/{car}/logbook/verify");

        ((bool)verify["valid"]!).Should().BeFalse();
        ((long)verify["firstBroken"]!["id"]!).Should().Be(ids[4]);
        ((string?)verify["firstBroken"]!["reason"]).Should().Be("previous_hash_mismatch");
        ((string?)verify["firstBroken"]!["detail"]).Should().Contain($"(id {ids[2]})").And.Contain("removed");
        ((long)verify["rows"]!).Should().Be(5);
    }

    [Fact]
    public async Task Removing_the_newest_rows_shows_only_against_a_noted_anchor()
    {
        string car = gateway.NewVehicle();
        JsonNode noted = await OkAsync(A, $"/api/v1/vehicles/{car}/logbook/verify");
        string anchor = (string)noted["headHash"]!;
        JsonNode withAnchor = await OkAsync(A, $"/api/v1/vehicles/{car}/logbook/verify?anchor={anchor}");

        gateway.Sql("DELETE FROM trip_log WHERE id = $id", ("$id", gateway.LogIds(car)[^1])).Should().Be(1);
        JsonNode plain = await OkAsync(A, $"/api/v1/vehicles/{car}/logbook/verify");
        JsonNode anchored = await OkAsync(A, $"/api/v1/vehicles/{car}/logbook/verify?anchor={anchor.ToUpperInvariant()}");
        (HttpStatusCode badAnchor, _, JsonNode? problem) = await GetAsync(A, $"/api/v1/vehicles/{car}/logbook/verify?anchor=abc");

        withAnchor["anchor"].ShouldEqualJson($$"""{"hash": "{{anchor}}", "found": true, "row": 6, "id": {{(long)noted["headId"]!}}}""");
        ((bool)withAnchor["valid"]!).Should().BeTrue();
        ((bool)plain["valid"]!).Should().BeTrue("a chain cut at its end is intact: this is what the anchor is for");
        ((long)plain["rows"]!).Should().Be(5);
        ((bool)anchored["valid"]!).Should().BeFalse();
        anchored["firstBroken"].Should().BeNull();
        ((bool)anchored["anchor"]!["found"]!).Should().BeFalse();
        badAnchor.Should().Be(HttpStatusCode.BadRequest);
        ((string?)problem!["parameter"]).Should().Be("anchor");
    }

    [Fact]
    public async Task The_trip_log_refuses_updates_through_sql()
    {
        string car = gateway.NewVehicle();

        Action update = () => gateway.Sql("UPDATE trip_log SET note = 'x' WHERE device_id = $d", ("$d", car));

        update.Should().Throw<Microsoft.Data.Sqlite.SqliteException>().WithMessage("*append-only*");
        ((bool)(await OkAsync(A, $"/api/v1/vehicles/{car}/logbook/verify"))["valid"]!).Should().BeTrue();
    }

    private Task<HttpResponseMessage> Classify(string car, string tripKey, string purpose, string? note) =>
        A.PutAsJsonAsync($"/api/v1/vehicles/{car}/trips/{tripKey}/classification", new { purpose, note });

    private static Task<HttpResponseMessage> Send(HttpClient client, string method, string path) =>
        method == "PUT"
            ? client.PutAsJsonAsync(path, new { purpose = "business" })
            : client.GetAsync(path);
}
