using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RydBox.Gateway.Storage;
using static RydBox.Gateway.Tests.Api.ApiJson;

namespace RydBox.Gateway.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class OperationsTests(SeededGateway gateway)
{
    [Fact]
    public async Task Metrics_expose_the_gateways_instruments_in_prometheus_text_format()
    {
        Meter meter = gateway.Service<IMeterFactory>().Create("RydBox.Gateway");
        Counter<long> widgets = meter.CreateCounter<long>("rydbox.test.widgets", "{widget}", "Widgets the test made");
        Histogram<double> latency = meter.CreateHistogram<double>(
            "rydbox.test.latency", "s", "How long a widget took", tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.1, 1] });
        meter.CreateObservableGauge("rydbox.test.queue", () => 7, "{message}", "Messages waiting");
        UpDownCounter<int> sessions = meter.CreateUpDownCounter<int>("rydbox.test.sessions");
        sessions.Add(5);
        sessions.Add(-2);
        widgets.Add(3, new KeyValuePair<string, object?>("kind", "blue"));
        widgets.Add(2, new KeyValuePair<string, object?>("kind", "blue"));
        widgets.Add(1, new KeyValuePair<string, object?>("kind", "red \"x\""));
        latency.Record(0.005);
        latency.Record(0.05);
        latency.Record(5);

        using HttpResponseMessage response = await gateway.Client().GetAsync("/metrics");
        string text = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().Should().Be("text/plain; version=0.0.4; charset=utf-8");
        text.Should().Contain("""
            # HELP rydbox_test_widgets_total Widgets the test made
            # TYPE rydbox_test_widgets_total counter
            rydbox_test_widgets_total{kind="blue"} 5
            rydbox_test_widgets_total{kind="red \"x\""} 1

            """.ReplaceLineEndings("\n"));
        text.Should().Contain("""
            # TYPE rydbox_test_latency_seconds histogram
            rydbox_test_latency_seconds_bucket{le="0.01"} 1
            rydbox_test_latency_seconds_bucket{le="0.1"} 2
            rydbox_test_latency_seconds_bucket{le="1"} 2
            rydbox_test_latency_seconds_bucket{le="+Inf"} 3
            rydbox_test_latency_seconds_sum 5.055
            rydbox_test_latency_seconds_count 3

            """.ReplaceLineEndings("\n"));
        text.Should().Contain("# TYPE rydbox_test_queue gauge\nrydbox_test_queue 7\n");
        text.Should().Contain("# TYPE rydbox_test_sessions gauge\nrydbox_test_sessions 3\n", "an up-down counter is its running sum");
        text.Should().Contain("# TYPE http_server_request_duration_seconds histogram", "ASP.NET Core's request metrics come along");
    }

    [Fact]
    public async Task Metrics_of_another_host_in_the_same_process_stay_out()
    {
        using ServiceProvider other = new ServiceCollection().AddMetrics().BuildServiceProvider();
        other.GetRequiredService<IMeterFactory>().Create("RydBox.Gateway").CreateCounter<long>("rydbox.test.elsewhere").Add(1);

        string text = await gateway.Client().GetStringAsync("/metrics");

        text.Should().NotContain("rydbox_test_elsewhere");
    }

    [Fact]
    public async Task Health_is_200_when_the_database_answers_and_needs_no_key()
    {
        (HttpStatusCode status, _, JsonNode? body) = await GetAsync(gateway.Client(), "/health");

        status.Should().Be(HttpStatusCode.OK);
        body.ShouldEqualJson($$"""{"status": "ok", "database": "ok", "schemaVersion": {{Schema.Version}}}""");
    }
}

public sealed class HealthFailureTests
{
    [Fact]
    public async Task Health_is_503_with_the_reason_when_the_database_file_is_not_a_database()
    {
        var gateway = new ApiGateway();
        await gateway.InitializeAsync();
        try
        {
            (await GetAsync(gateway.Client(), "/health")).Status.Should().Be(HttpStatusCode.OK);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            string path = gateway.Service<GatewayDatabase>().Path;
            File.Delete(path + "-wal");
            File.Delete(path + "-shm");
            await File.WriteAllBytesAsync(path, Enumerable.Repeat((byte)'x', 8192).ToArray());

            (HttpStatusCode status, _, JsonNode? body) = await GetAsync(gateway.Client(), "/health");

            status.Should().Be(HttpStatusCode.ServiceUnavailable);
            ((string?)body!["status"]).Should().Be("unavailable");
            ((string?)body["database"]).Should().Contain("not a database");
        }
        finally
        {
            await gateway.DisposeAsync();
        }
    }
}
