using System.Globalization;
using System.Text;
using InfluxDB.Client.Writes;
using RydBox.Contract;
using RydBox.Gateway.Hosting;
using RydBox.Gateway.Storage;
using RydBox.Gateway.Storage.Influx;
using RydBox.Testing.Influx;

namespace RydBox.Gateway.Tests.Influx;

/// <summary>
/// The V2 path. No server here offers the v2 API (Debian's influxd is 1.6), so V2 writes are
/// checked through what InfluxDB.Client puts on the wire: the same points as the V1 path, which
/// a real influxd then stores and the store reads back. V2 reads (InfluxQL /query with the
/// bucket as database) run against the real 1.6; V2 writes and deletes against it fail with the
/// error a server without the v2 API gives, which the store must name.
/// </summary>
[Collection(InfluxCollection.Name)]
public sealed class InfluxV2Tests(SharedInflux shared) : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly string _database = Influx.NewDatabase();

    private InfluxServer Server => shared.Server;

    public static TheoryData<string, string> Ids => new()
    {
        { "box-0042", "acme" },
        { "box 1,a=b", "Acme, Inc. = \"best\"" },
        { "quote'd ünï", "" },
    };

    [Theory]
    [MemberData(nameof(Ids))]
    public void InfluxDB_Client_writes_the_same_points_as_the_v1_line_protocol(string deviceId, string tenantId)
    {
        IngestedBatch batch = Batches.Make(deviceId, 7, Batches.BaseTime, rows: 12, tenantId: tenantId, withEmptyRow: true);

        foreach (TelemetrySample sample in batch.Message.Samples)
        {
            var v1 = new StringBuilder();
            LineProtocol.AppendPoint(v1, deviceId, tenantId, 7, sample);
            string v2 = V2Points.Of(deviceId, tenantId, 7, sample).ToLineProtocol();

            Point.Parse(v2).Should().BeEquivalentTo(Point.Parse(v1.ToString().TrimEnd('\n')), o => o.ComparingRecordsByMembers(), $"sample at {sample.UnixMilliseconds}");
        }
    }

    [InfluxFact]
    public async Task Lines_from_InfluxDB_Client_stored_by_a_real_influxd_read_back_as_the_box_sent_them()
    {
        using InfluxTelemetryStore store = Influx.V1Store(Server, _database);
        await store.PrepareAsync(None);
        IngestedBatch batch = Batches.Make("box 1,a=b", 3, Batches.BaseTime, rows: 30, tenantId: "acme", withEmptyRow: true);
        string lines = string.Join("\n", batch.Message.Samples.Select(s => V2Points.Of(batch.DeviceId, batch.TenantId, 3, s).ToLineProtocol()));

        using (var http = new HttpClient())
        {
            HttpResponseMessage response = await http.PostAsync(new Uri(Server.Address, $"/write?db={_database}&precision=ms"), new StringContent(lines));
            response.StatusCode.Should().Be(System.Net.HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
        }

        IReadOnlyList<TelemetrySample> read = await store.ReadAsync(batch.DeviceId, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, None);
        Influx.Comparable(read).Should().BeEquivalentTo(Influx.Comparable(batch.Message.Samples), o => o.WithStrictOrdering());

        // Written again by the V1 path: the same points, so nothing is added.
        await store.WriteAsync([batch], None);
        Influx.CountPoints(Server, _database, batch.DeviceId).Should().Be(30);
    }

    [InfluxFact]
    public async Task A_v2_store_reads_with_InfluxQL_and_names_the_missing_v2_api_of_influxd_1_6()
    {
        using InfluxTelemetryStore v1 = Influx.V1Store(Server, _database);
        IngestedBatch batch = Batches.Make("box-1", 1, Batches.BaseTime);
        await v1.WriteAsync([batch], None);
        using var v2 = new InfluxTelemetryStore(
            new InfluxOptions { Url = Server.Address.ToString(), ApiVersion = InfluxApiVersion.V2, Token = "token", Organization = "acme", Bucket = _database },
            Influx.FastTuning());

        IReadOnlyList<TelemetrySample> read = await v2.ReadAsync("box-1", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, None);
        Influx.Comparable(read).Should().BeEquivalentTo(Influx.Comparable(batch.Message.Samples), o => o.WithStrictOrdering());

        // A bucket named "database/retention-policy" (InfluxDB 1.8's v2 naming) reads that database and policy.
        using var v2WithPolicy = new InfluxTelemetryStore(
            new InfluxOptions { Url = Server.Address.ToString(), ApiVersion = InfluxApiVersion.V2, Token = "token", Organization = "-", Bucket = _database + "/autogen" },
            Influx.FastTuning());
        (await v2WithPolicy.ReadAsync("box-1", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, None)).Should().HaveCount(10);
        using var v2WithMissingPolicy = new InfluxTelemetryStore(
            new InfluxOptions { Url = Server.Address.ToString(), ApiVersion = InfluxApiVersion.V2, Token = "token", Organization = "-", Bucket = _database + "/nope" },
            Influx.FastTuning());
        Func<Task> readMissingPolicy = () => v2WithMissingPolicy.ReadAsync("box-1", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, None);
        (await readMissingPolicy.Should().ThrowAsync<InfluxStoreException>()).Which.Message.Should().Contain("retention policy not found");

        Func<Task> write = () => v2.WriteAsync([Batches.Make("box-1", 2, Batches.BaseTime + 10_000)], None);
        InfluxStoreException writeError = (await write.Should().ThrowAsync<InfluxStoreException>()).Which;
        writeError.StatusCode.Should().Be(404);
        writeError.IsTransient.Should().BeFalse();
        writeError.Message.Should().Contain("answered 404 when asked to write 10 points in bucket").And.Contain("404 page not found. The bucket or organisation may not exist").And.Contain("use ApiVersion V1");

        Func<Task> erase = () => v2.EraseDeviceAsync("box-1", None);
        (await erase.Should().ThrowAsync<InfluxStoreException>()).Which.Message.Should().Contain("answered 404 when asked to erase a device");
        Influx.CountPoints(Server, _database, "box-1").Should().Be(10, "nothing was erased");
    }

    [Fact]
    public async Task A_v2_store_whose_server_is_down_says_so_after_its_retries()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var v2 = new InfluxTelemetryStore(
            new InfluxOptions { Url = $"http://127.0.0.1:{port}", ApiVersion = InfluxApiVersion.V2, Token = "t", Organization = "acme", Bucket = "rydbox" },
            Influx.FastTuning(attempts: 2));

        Func<Task> write = () => v2.WriteAsync([Batches.Make("box-1", 1, Batches.BaseTime)], None);

        InfluxStoreException error = (await write.Should().ThrowAsync<InfluxStoreException>()).Which;
        error.IsTransient.Should().BeTrue();
        error.Message.Should().StartWith($"InfluxDB at http://127.0.0.1:{port} could not write 10 points after 2 tries: ").And.Contain("onnection refused");
    }

    public void Dispose()
    {
        if (InfluxServer.SkipReason is null)
        {
            try
            {
                Server.Execute($"DROP DATABASE \"{_database}\"");
            }
            catch (InvalidOperationException)
            {
            }
        }
    }

    /// <summary>A line protocol line taken apart: series key as written, fields by name with typed values, time.</summary>
    private sealed record Point(string SeriesKey, IReadOnlyDictionary<string, object> Fields, long Time)
    {
        public static Point Parse(string line)
        {
            List<string> parts = SplitUnescaped(line, ' ');
            parts.Should().HaveCount(3, line);
            var fields = new Dictionary<string, object>();
            foreach (string field in SplitUnescaped(parts[1], ','))
            {
                int equals = field.IndexOf('=');
                string value = field[(equals + 1)..];
                fields[field[..equals]] = value.EndsWith('i')
                    ? long.Parse(value[..^1], CultureInfo.InvariantCulture)
                    : double.Parse(value, CultureInfo.InvariantCulture);
            }

            return new Point(parts[0], fields, long.Parse(parts[2], CultureInfo.InvariantCulture));
        }

        private static List<string> SplitUnescaped(string text, char separator)
        {
            var parts = new List<string>();
            var current = new StringBuilder();
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == '\\' && i + 1 < text.Length)
                {
                    current.Append(text[i]).Append(text[++i]);
                }
                else if (text[i] == separator)
                {
                    parts.Add(current.ToString());
                    current.Clear();
                }
                else
                {
                    current.Append(text[i]);
                }
            }

            parts.Add(current.ToString());
            return parts;
        }
    }
}
