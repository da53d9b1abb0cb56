using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RydBox.Contract;
using RydBox.Firmware.Wire;
using RydBox.Gateway.Hosting;
using RydBox.Gateway.Storage;
using RydBox.Gateway.Storage.Influx;
using RydBox.Testing.Influx;

namespace RydBox.Gateway.Tests.Influx;

/// <summary>The field naming the store relies on, and how the gateway picks the store from its configuration.</summary>
[Collection(InfluxCollection.Name)]
public sealed class InfluxSchemaTests(SharedInflux shared)
{
    [Fact]
    public void Every_signal_name_maps_back_to_its_id_and_no_name_collides_with_a_raw_field_or_a_column()
    {
        IReadOnlyDictionary<string, int> names = SignalFields.TabledNames;

        names.Should().HaveCount(SignalIds.FirstObd + 256 * SignalIds.SignalsPerPid - 1, "every id up to the last mode 01 slot has a name of its own");
        foreach ((string name, int id) in names)
        {
            SignalCatalog.Describe(id).Name.Should().Be(name, "each name belongs to one id");
            SignalFields.IdOf(name).Should().Be(id);
            name.Should().NotEndWith(SignalFields.RawSuffix);
            new[] { "time", SignalFields.DeviceTag, SignalFields.TenantTag, SignalFields.SequenceField }.Should().NotContain(name);
        }

        SignalFields.IdOf("engine_rpm").Should().Be(Batches.Rpm);
        SignalFields.IdOf("signal_5000").Should().Be(5000);
        SignalFields.IdOf("signal_20").Should().Be(20);
        SignalFields.IdOf("signal_05000").Should().BeNull("the catalog never names an id so");
        SignalFields.IdOf("no_such_signal").Should().BeNull();
    }

    [Fact]
    public void A_point_is_one_line_with_escaped_tags_float_and_integer_fields_and_a_millisecond_time()
    {
        var sample = new TelemetrySample(Batches.BaseTime,
        [
            new SignalValue(1, "latitude", "deg", 481_371_540, 48.137154),
            new SignalValue(Batches.Rpm, "engine_rpm", "rpm", 8012, 2003),
            new SignalValue(Batches.UnknownPid, "pid_e1_0", "", -77, double.NaN),
        ]);
        var line = new System.Text.StringBuilder();

        LineProtocol.AppendPoint(line, "box 1,a=b", "Acme Inc", 42, sample);

        line.ToString().Should().Be(
            "telemetry,device=box\\ 1\\,a\\=b,tenant=Acme\\ Inc latitude=48.137154,latitude_raw=481371540i,engine_rpm=2003,engine_rpm_raw=8012i,"
            + "pid_e1_0_raw=-77i,sequence=42i 1715671800000\n",
            "a value that is not a number has no float field; its raw integer is kept");
    }

    [InfluxFact]
    public async Task The_gateway_configured_for_influx_resolves_the_influx_store_which_creates_its_database_at_start()
    {
        string database = Influx.NewDatabase();
        using var app = GatewayHost.Build(
        [
            "--RydBox:DataDirectory=" + Path.Combine(Path.GetTempPath(), "rydbox-unused-" + Guid.NewGuid().ToString("N")),
            "--RydBox:Storage:Telemetry=Influx",
            "--RydBox:Storage:Influx:Url=" + shared.Server.Address,
            "--RydBox:Storage:Influx:Database=" + database,
            "--RydBox:Storage:Influx:BatchPoints=123",
        ]);

        ITelemetryStore store = app.Services.GetRequiredService<ITelemetryStore>();
        store.Should().BeOfType<InfluxTelemetryStore>().Which.Target.Should().Be($"database '{database}'");
        app.Services.GetRequiredService<IConfiguration>()["RydBox:Storage:Influx:BatchPoints"].Should().Be("123");
        IHostedService startup = app.Services.GetServices<IHostedService>().Single(s => s.GetType().Name == "InfluxStartup");

        await startup.StartAsync(CancellationToken.None);

        shared.Server.Execute("SHOW DATABASES").Should().Contain(database);
        shared.Server.Execute($"DROP DATABASE \"{database}\"");
    }
}
