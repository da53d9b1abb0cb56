using System.Text.Json;
using Microsoft.Data.Sqlite;
using RydBox.Gateway.Events.Delivery;
using RydBox.Gateway.Events.Detectors.Geofences;
using RydBox.Gateway.Events.Model;
using RydBox.Gateway.Events.Rules;
using RydBox.Gateway.Storage;
using RydBox.Gateway.Tests.Identity;

namespace RydBox.Gateway.Tests.Events.Api;

/// <summary>`webhooks`, `geofences` and `curfews` on a data directory, as an operator runs them.</summary>
public sealed class EventAdminCliTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rydbox-event-cli-").FullName;

    public EventAdminCliTests()
    {
        Run("tenants", "add", "acme", "--name", "ACME").ExitCode.Should().Be(0);
        Run("tenants", "add", "zeta", "--name", "Zeta").ExitCode.Should().Be(0);
        Run("devices", "add", "van-1", "--tenant", "acme").ExitCode.Should().Be(0);
        Run("devices", "add", "zeta-1", "--tenant", "zeta").ExitCode.Should().Be(0);
    }

    private string DataDirectory => Path.Combine(_directory, "data");

    [Fact]
    public void A_webhook_is_added_with_its_secret_once_listed_without_it_rotated_and_removed()
    {
        CliRun added = Run("webhooks", "add", "--tenant", "acme", "--url", "https://partner.example/hook", "--kinds", "towing,geofence");

        added.ExitCode.Should().Be(0, added.ToString());
        string secret = Line(added.Stdout, "secret:");
        secret.Should().MatchRegex("^whsec_[A-Za-z0-9]{32}$");
        Webhook webhook = Registry().List("acme").Single();
        webhook.Kinds.Should().Equal("geofence", "towing");
        added.Stdout.Should().Contain($"Webhook {webhook.Id} added for tenant acme: https://partner.example/hook (geofence,towing).");

        CliRun list = Run("webhooks", "list", "--tenant", "acme");
        list.Stdout.Should().MatchRegex(@"ID\s+URL\s+KINDS\s+STATE\s+CREATED\n")
            .And.MatchRegex($@"{webhook.Id}\s+https://partner.example/hook\s+geofence,towing\s+enabled\s+\d{{4}}-")
            .And.NotContain(secret);
        Run("webhooks", "list", "--tenant", "zeta").Stdout.Should().Contain("No webhooks");
        using (JsonDocument json = JsonDocument.Parse(Run("webhooks", "list", "--tenant", "acme", "--json").Stdout))
        {
            json.RootElement.EnumerateArray().Single().GetProperty("id").GetString().Should().Be(webhook.Id);
            json.RootElement.GetRawText().Should().NotContain("whsec_");
        }

        CliRun rotated = Run("webhooks", "rotate-secret", webhook.Id, "--tenant", "acme");
        rotated.ExitCode.Should().Be(0, rotated.ToString());
        Line(rotated.Stdout, "secret:").Should().StartWith("whsec_").And.NotBe(secret);
        Run("webhooks", "rotate-secret", webhook.Id, "--tenant", "zeta").ExitCode.Should().Be(2, "another tenant's webhook is not found");
        Run("webhooks", "remove", webhook.Id, "--tenant", "zeta").ExitCode.Should().Be(2);

        Run("webhooks", "remove", webhook.Id, "--tenant", "acme").Should().Match<CliRun>(r => r.ExitCode == 0 && r.Stdout.Contains($"Webhook {webhook.Id} removed"));
        Registry().List("acme").Should().BeEmpty();
        Run("webhooks", "remove", webhook.Id, "--tenant", "acme").ExitCode.Should().Be(2);
    }

    [Fact]
    public void Webhook_refusals_are_usage_errors_and_unknown_tenants_not_found()
    {
        Run("webhooks", "add", "--tenant", "acme", "--url", "ftp://x.example/").Should().Match<CliRun>(r => r.ExitCode == 1 && r.Stderr.Contains("absolute http:// or https:// URL"));
        Run("webhooks", "add", "--tenant", "acme", "--url", "https://x.example/", "--kinds", "parking").Should().Match<CliRun>(r => r.ExitCode == 1 && r.Stderr.Contains("\"parking\" is not an event kind"));
        Run("webhooks", "add", "--tenant", "ghost", "--url", "https://x.example/").Should().Match<CliRun>(r => r.ExitCode == 2 && r.Stderr.Contains("no tenant \"ghost\""));
        Run("webhooks", "add", "--url", "https://x.example/").ExitCode.Should().Be(1, "--tenant is required");
        Registry().List("acme").Should().BeEmpty();
    }

    [Fact]
    public void Failed_deliveries_are_listed_and_retried_by_number()
    {
        IssuedWebhook issued = Registry().Add("acme", "https://partner.example/hook");
        var database = new GatewayDatabase(Path.Combine(DataDirectory, "rydbox.db"));
        var queue = new WebhookQueue(database, new WebhookSignal());
        queue.Enqueue([new EventNotification("acme", "van-1", new DtcEvent(1_900_000_000_000, "P0301", false), EventChange.Instant, DateTimeOffset.UtcNow)]).Should().Be(1);
        long id = Registry().ListDeliveries("acme").Single().Id;
        queue.RecordFailedAttempt(id, 10, 503, "HTTP 503", 1_900_000_001_000, nextAttemptMs: null);

        CliRun failures = Run("webhooks", "failures", "--tenant", "acme");

        failures.ExitCode.Should().Be(0, failures.ToString());
        failures.Stdout.Should().MatchRegex(@"DELIVERY\s+WEBHOOK\s+NOTIFICATION\s+ATTEMPTS\s+LAST ERROR\s+UPDATED\n")
            .And.MatchRegex($@"{id}\s+{issued.Webhook.Id}\s+van-1/dtc:1900000000000:P0301:set/instant\s+10\s+HTTP 503\s+2030-03-17 ");
        Run("webhooks", "failures", "--tenant", "zeta").Stdout.Should().Contain("No failed deliveries");
        Run("webhooks", "retry", "--tenant", "zeta", "--delivery", id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ExitCode.Should().Be(2);

        CliRun retried = Run("webhooks", "retry", "--tenant", "acme", "--delivery", id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        retried.ExitCode.Should().Be(0, retried.ToString());
        retried.Stdout.Should().Contain($"Delivery {id} (van-1/dtc:1900000000000:P0301:set/instant) is pending again");
        WebhookDelivery delivery = Registry().GetDelivery("acme", id)!;
        delivery.Status.Should().Be(WebhookDeliveryStatus.Pending);
        delivery.Attempts.Should().Be(0);
        Run("webhooks", "retry", "--tenant", "acme", "--delivery", "many").ExitCode.Should().Be(1);
    }

    [Fact]
    public void Geofences_are_added_as_circles_and_polygons_listed_by_vehicle_and_removed()
    {
        CliRun circle = Run("geofences", "add", "--tenant", "acme", "--name", "Town", "--circle", "52.52,13.405,1500");
        CliRun polygon = Run("geofences", "add", "--tenant", "acme", "--vehicle", "van-1", "--name", "Yard", "--polygon", "48.1 11.5; 48.1 11.6;48.2 11.6", "--json");

        circle.ExitCode.Should().Be(0, circle.ToString());
        polygon.ExitCode.Should().Be(0, polygon.ToString());
        IReadOnlyList<GeofenceRule> fences = Fences().List("acme");
        GeofenceRule town = fences.Single(f => f.Fence.Name == "Town");
        GeofenceRule yard = fences.Single(f => f.Fence.Name == "Yard");
        town.Fence.Should().Be(Geofence.Circle(town.Id, "Town", new Place(52.52, 13.405), 1500) with { Vertices = null });
        town.DeviceId.Should().BeNull();
        yard.DeviceId.Should().Be("van-1");
        yard.Fence.Vertices.Should().Equal(new Place(48.1, 11.5), new Place(48.1, 11.6), new Place(48.2, 11.6));
        circle.Stdout.Should().Contain($"Geofence {town.Id} \"Town\" added for every vehicle of tenant acme.");
        using (JsonDocument json = JsonDocument.Parse(polygon.Stdout))
        {
            json.RootElement.GetProperty("id").GetString().Should().Be(yard.Id);
            System.Text.Json.Nodes.JsonNode.Parse(json.RootElement.GetProperty("polygon").GetRawText())!.ToJsonString().Should().Be("[[48.1,11.5],[48.1,11.6],[48.2,11.6]]");
        }

        CliRun list = Run("geofences", "list", "--tenant", "acme", "--vehicle", "van-1");
        list.Stdout.Should().MatchRegex(@"ID\s+NAME\s+VEHICLE\s+SHAPE\s+CREATED\n")
            .And.MatchRegex($@"{town.Id}\s+Town\s+\(all\)\s+circle 52.52,13.405 r 1500 m\s")
            .And.MatchRegex($@"{yard.Id}\s+Yard\s+van-1\s+polygon of 3 vertices\s");
        Run("geofences", "list", "--tenant", "zeta").Stdout.Should().Contain("No geofences");
        Run("geofences", "list", "--tenant", "zeta", "--vehicle", "van-1").ExitCode.Should().Be(2, "another tenant's vehicle is not found");
        Run("geofences", "remove", town.Id, "--tenant", "zeta").ExitCode.Should().Be(2);

        Run("geofences", "remove", town.Id, "--tenant", "acme").Should().Match<CliRun>(r => r.ExitCode == 0 && r.Stdout.Contains($"Geofence {town.Id} removed."));
        Fences().List("acme").Select(f => f.Id).Should().Equal(yard.Id);
    }

    [Theory]
    [InlineData(new[] { "--circle", "52.52,13.405,0" }, 1, "the radius must be more than 0 m")]
    [InlineData(new[] { "--circle", "52.52,13.405" }, 1, "is not LAT,LON,RADIUS")]
    [InlineData(new[] { "--polygon", "48.1 11.5;48.2 11.6" }, 1, "a polygon needs at least 3 vertices (got 2)")]
    [InlineData(new[] { "--polygon", "48.1,11.5;48.2,11.6;48.3,11.7" }, 1, "is not \"LAT LON;LAT LON;…\"")]
    [InlineData(new string[0], 1, "give either --circle")]
    [InlineData(new[] { "--circle", "1,1,5", "--vehicle", "zeta-1" }, 2, "no vehicle \"zeta-1\" in tenant \"acme\"")]
    public void A_geofence_the_detector_could_not_use_is_refused_with_why(string[] shape, int exitCode, string because)
    {
        CliRun run = Run(["geofences", "add", "--tenant", "acme", "--name", "Bad", .. shape]);

        run.ExitCode.Should().Be(exitCode, run.ToString());
        run.Stderr.Should().Contain(because);
        Fences().List("acme").Should().BeEmpty();
    }

    [Fact]
    public void Curfews_are_added_listed_and_removed_and_bad_ones_refused()
    {
        CliRun added = Run("curfews", "add", "--tenant", "acme", "--vehicle", "van-1", "--name", "Nights", "--days", "sat,fri", "--start", "22:00", "--end", "06:00", "--time-zone", "Europe/Berlin");

        added.ExitCode.Should().Be(0, added.ToString());
        CurfewRule rule = Curfews().List("acme").Single();
        rule.Window.Days.Should().Equal(DayOfWeek.Friday, DayOfWeek.Saturday);
        rule.Window.Start.Should().Be(new TimeOnly(22, 0));
        Run("curfews", "list", "--tenant", "acme").Stdout.Should().MatchRegex($@"{rule.Id}\s+Nights\s+van-1\s+fri,sat\s+22:00\s+06:00\s+Europe/Berlin\s");
        Run("curfews", "add", "--tenant", "acme", "--name", "x", "--days", "fri", "--start", "22:00", "--end", "06:00", "--time-zone", "Nowhere/City")
            .Should().Match<CliRun>(r => r.ExitCode == 1 && r.Stderr.Contains("unknown time zone 'Nowhere/City'"));
        Run("curfews", "add", "--tenant", "acme", "--name", "x", "--days", "someday", "--start", "22:00", "--end", "06:00", "--time-zone", "UTC")
            .Should().Match<CliRun>(r => r.ExitCode == 1 && r.Stderr.Contains("\"someday\" is not a day"));
        Run("curfews", "add", "--tenant", "acme", "--name", "x", "--days", "fri", "--start", "late", "--end", "06:00", "--time-zone", "UTC")
            .Should().Match<CliRun>(r => r.ExitCode == 1 && r.Stderr.Contains("--start \"late\" is not a time of day"));

        Run("curfews", "remove", rule.Id, "--tenant", "acme").ExitCode.Should().Be(0);
        Curfews().List("acme").Should().BeEmpty();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private CliRun Run(params string[] arguments) => CliRun.InProcess([.. arguments, "--data-dir", DataDirectory]);

    private GatewayDatabase Database() => new(Path.Combine(DataDirectory, "rydbox.db"));

    private WebhookRegistry Registry() => new(Database(), new WebhookSignal());

    private GeofenceRegistry Fences() => new(Database(), new VehicleRulesReader(Database()));

    private CurfewRegistry Curfews() => new(Database(), new VehicleRulesReader(Database()));

    private static string Line(string output, string label) =>
        output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith(label, StringComparison.Ordinal))[label.Length..].Trim();
}
