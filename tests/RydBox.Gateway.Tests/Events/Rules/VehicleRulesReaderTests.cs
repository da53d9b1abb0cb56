using Microsoft.Data.Sqlite;
using RydBox.Gateway.Events.Detectors.Curfew;
using RydBox.Gateway.Events.Detectors.Geofences;
using RydBox.Gateway.Events.Model;
using RydBox.Gateway.Events.Processing;
using RydBox.Gateway.Events.Rules;
using RydBox.Gateway.Identity;
using RydBox.Gateway.Tests.Support;

namespace RydBox.Gateway.Tests.Events.Rules;

public sealed class VehicleRulesReaderTests : IDisposable
{
    private static readonly Place Centre = new(52.52, 13.405);
    private static readonly CurfewWindow Nights = new("Nights", [DayOfWeek.Friday, DayOfWeek.Saturday], new TimeOnly(23, 0), new TimeOnly(5, 0), "Europe/Berlin");

    private readonly RulesRig _rig = new();

    [Fact]
    public void A_vehicle_gets_its_tenants_tenant_wide_rules_and_its_own_ordered_by_id()
    {
        GeofenceRule everyone = _rig.Geofences.Add("tenant-a", null, Geofence.Circle("", "Town", Centre, 2000));
        GeofenceRule own = _rig.Geofences.Add("tenant-a", "car-a1", Geofence.Polygon("", "Yard", [new(52.5, 13.4), new(52.5, 13.41), new(52.51, 13.41)]));
        _rig.Geofences.Add("tenant-a", "car-a2", Geofence.Circle("", "Sibling's", Centre, 100));
        _rig.Geofences.Add("tenant-b", null, Geofence.Circle("", "Other tenant's", Centre, 100));
        CurfewRule curfew = _rig.Curfews.Add("tenant-a", "car-a1", Nights);
        _rig.Curfews.Add("tenant-a", "car-a2", Nights with { Name = "Sibling's nights" });

        VehicleRules rules = _rig.Reader.For("tenant-a", "car-a1");

        rules.Geofences.Select(f => f.Id).Should().BeEquivalentTo([everyone.Id, own.Id]).And.BeInAscendingOrder(StringComparer.Ordinal);
        rules.Geofences.Should().ContainEquivalentOf(everyone.Fence).And.ContainEquivalentOf(own.Fence);
        rules.Curfews.Should().ContainSingle().Which.Should().BeEquivalentTo(curfew.Window);
        _rig.Reader.For("tenant-b", "car-b1").Geofences.Select(f => f.Name).Should().Equal("Other tenant's");
        _rig.Reader.For("tenant-b", "car-b1").Curfews.Should().BeEmpty();
    }

    [Fact]
    public void The_rules_configure_a_detector_set_and_a_vehicle_without_rules_gets_none()
    {
        _rig.Geofences.Add("tenant-a", null, Geofence.Circle("", "Town", Centre, 2000));
        _rig.Curfews.Add("tenant-a", null, Nights);

        var set = new DetectorSet(new EventsOptions(), _rig.Reader.For("tenant-a", "car-a2"));

        set.Initial.Should().NotBeNull();
        _rig.Reader.For("tenant-b", "car-b1").Should().BeSameAs(VehicleRules.None);
    }

    [Fact]
    public void The_version_moves_on_every_change_and_only_then()
    {
        long start = _rig.Reader.Version;

        GeofenceRule fence = _rig.Geofences.Add("tenant-a", "car-a1", Geofence.Circle("", "Home", Centre, 50));
        long afterAdd = _rig.Reader.Version;
        CurfewRule curfew = _rig.Curfews.Add("tenant-b", null, Nights);
        long afterCurfew = _rig.Reader.Version;
        FluentActions.Invoking(() => _rig.Geofences.Add("tenant-a", null, Geofence.Circle("", "Zero", Centre, 0))).Should().Throw<IdentityException>();
        _rig.Geofences.Remove("tenant-b", fence.Id).Should().BeFalse("another tenant's fence is not found");
        long afterRefusals = _rig.Reader.Version;
        _rig.Geofences.Remove("tenant-a", fence.Id).Should().BeTrue();
        long afterRemove = _rig.Reader.Version;
        _rig.Curfews.Remove("tenant-b", curfew.Id).Should().BeTrue();

        afterAdd.Should().BeGreaterThan(start);
        afterCurfew.Should().BeGreaterThan(afterAdd);
        afterRefusals.Should().Be(afterCurfew);
        afterRemove.Should().BeGreaterThan(afterRefusals);
        _rig.Reader.Version.Should().BeGreaterThan(afterRemove);
    }

    [Fact]
    public void A_change_another_process_made_moves_the_version_within_the_check_interval()
    {
        using var rig = new RulesRig(TimeSpan.FromMilliseconds(50));
        long before = rig.Reader.Version;
        var cli = new GeofenceRegistry(rig.Database, new VehicleRulesReader(rig.Database));

        GeofenceRule added = cli.Add("tenant-a", null, Geofence.Circle("", "From the CLI", Centre, 300));

        TestGateway.WaitUntil(() => rig.Reader.Version > before, TimeSpan.FromSeconds(5)).Should().BeTrue();
        rig.Reader.For("tenant-a", "car-a1").Geofences.Select(f => f.Id).Should().Equal(added.Id);
        long afterAdd = rig.Reader.Version;
        Thread.Sleep(120);
        rig.Reader.Version.Should().Be(afterAdd, "nothing changed since");
        cli.Remove("tenant-a", added.Id).Should().BeTrue();
        TestGateway.WaitUntil(() => rig.Reader.Version > afterAdd, TimeSpan.FromSeconds(5)).Should().BeTrue();
    }

    [Fact]
    public void A_definition_spoiled_by_hand_is_left_out_rather_than_stopping_detection()
    {
        GeofenceRule good = _rig.Geofences.Add("tenant-a", null, Geofence.Circle("", "Good", Centre, 100));
        GeofenceRule spoiled = _rig.Geofences.Add("tenant-a", null, Geofence.Circle("", "Spoiled", Centre, 100));
        using (SqliteConnection connection = _rig.Database.Open())
        using (SqliteCommand update = connection.CreateCommand())
        {
            update.CommandText = "UPDATE geofences SET definition = replace(definition, '\"radiusMetres\":100', '\"radiusMetres\":-1') WHERE id = $id";
            update.Parameters.AddWithValue("$id", spoiled.Id);
            update.ExecuteNonQuery().Should().Be(1);
        }

        _rig.Reader.For("tenant-a", "car-a1").Geofences.Select(f => f.Id).Should().Equal(good.Id);
    }

    [Fact]
    public void Refusals_say_what_is_wrong_by_the_fences_name_and_unknown_owners_are_not_found()
    {
        FluentActions.Invoking(() => _rig.Geofences.Add("tenant-a", null, Geofence.Circle("", "Pond", Centre, 0)))
            .Should().Throw<IdentityException>().Where(e => e.Error == IdentityError.Invalid && e.Message.Contains("Geofence \"Pond\": the radius must be more than 0 m"));
        FluentActions.Invoking(() => _rig.Geofences.Add("tenant-a", "car-b1", Geofence.Circle("", "Spy", Centre, 10)))
            .Should().Throw<IdentityException>().Where(e => e.Error == IdentityError.NotFound);
        FluentActions.Invoking(() => _rig.Geofences.Add("ghost", null, Geofence.Circle("", "Ghost", Centre, 10)))
            .Should().Throw<IdentityException>().Where(e => e.Error == IdentityError.NotFound && e.Message.Contains("no tenant \"ghost\""));
        FluentActions.Invoking(() => _rig.Curfews.Add("tenant-a", null, Nights with { TimeZoneId = "Europe/Atlantis" }))
            .Should().Throw<IdentityException>().Where(e => e.Error == IdentityError.Invalid && e.Message.Contains("unknown time zone 'Europe/Atlantis'"));
        FluentActions.Invoking(() => _rig.Geofences.List("tenant-b", "car-a1")).Should().Throw<IdentityException>().Where(e => e.Error == IdentityError.NotFound);
        _rig.Geofences.List("tenant-a").Should().BeEmpty();
    }

    [Fact]
    public void Curfew_text_reads_days_and_times_as_people_write_them()
    {
        CurfewText.ParseDays(["Sunday", "mon", "MONDAY", " fri "]).Should().Equal(DayOfWeek.Sunday, DayOfWeek.Monday, DayOfWeek.Friday);
        CurfewText.ParseTime("start", "7:05").Should().Be(new TimeOnly(7, 5));
        CurfewText.Format(new TimeOnly(7, 5)).Should().Be("07:05");
        CurfewText.Format(new TimeOnly(7, 5, 30)).Should().Be("07:05:30");
        FluentActions.Invoking(() => CurfewText.ParseDays(["2"])).Should().Throw<IdentityException>();
        FluentActions.Invoking(() => CurfewText.ParseDays(["mo"])).Should().Throw<IdentityException>();
        FluentActions.Invoking(() => CurfewText.ParseTime("end", "10pm")).Should().Throw<IdentityException>().WithMessage("end \"10pm\" is not a time of day*");
    }

    public void Dispose() => _rig.Dispose();
}
