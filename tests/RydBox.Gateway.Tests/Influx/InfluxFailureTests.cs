using RydBox.Gateway.Hosting;
using RydBox.Gateway.Storage.Influx;
using RydBox.Testing.Influx;

namespace RydBox.Gateway.Tests.Influx;

/// <summary>Servers that are down, restarted, or refuse the account: each failure says what happened and what to change.</summary>
public sealed class InfluxFailureTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_server_that_is_not_there_gives_a_clear_transient_error_after_the_retries()
    {
        int port = FreeLoopbackPort();
        using var store = new InfluxTelemetryStore(
            new InfluxOptions { Url = $"http://127.0.0.1:{port}", Database = "rydbox" }, Influx.FastTuning(attempts: 3));

        Func<Task> write = () => store.WriteAsync([Batches.Make("box-1", 1, Batches.BaseTime)], None);
        Func<Task> read = () => store.ReadAsync("box-1", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, None);

        InfluxStoreException writeError = (await write.Should().ThrowAsync<InfluxStoreException>()).Which;
        writeError.Message.Should().Be($"InfluxDB at http://127.0.0.1:{port} could not create the database after 3 tries: cannot reach it: connection refused (is influxd running, and on this port?)");
        writeError.IsTransient.Should().BeTrue();
        writeError.StatusCode.Should().BeNull();
        (await read.Should().ThrowAsync<InfluxStoreException>()).Which.Message.Should().Contain($"127.0.0.1:{port}").And.Contain("connection refused");
    }

    [Fact]
    public void Settings_that_cannot_work_are_refused_when_the_store_is_made()
    {
        Action badUrl = () => _ = new InfluxTelemetryStore(new InfluxOptions { Url = "127.0.0.1:8086" });
        Action v2WithoutToken = () => _ = new InfluxTelemetryStore(new InfluxOptions { ApiVersion = InfluxApiVersion.V2, Organization = "acme" });

        badUrl.Should().Throw<InvalidOperationException>().WithMessage("Storage:Influx:Url \"127.0.0.1:8086\" is not an http:// or https:// address");
        v2WithoutToken.Should().Throw<InvalidOperationException>().WithMessage("Storage:Influx:Token is required with ApiVersion V2*");
    }

    [InfluxFact]
    public async Task Writes_fail_clearly_while_influxd_is_stopped_and_succeed_once_it_is_back_with_the_data_kept()
    {
        using var server = new InfluxServer();
        using InfluxTelemetryStore store = Influx.V1Store(server, "rydbox");
        await store.WriteAsync([Batches.Make("box-1", 1, Batches.BaseTime)], None);

        server.Stop();
        Func<Task> write = () => store.WriteAsync([Batches.Make("box-1", 2, Batches.BaseTime + 10_000)], None);
        InfluxStoreException error = (await write.Should().ThrowAsync<InfluxStoreException>()).Which;
        error.Message.Should().StartWith($"InfluxDB at {server.Address.ToString().TrimEnd('/')} could not write 10 points after 2 tries: cannot reach it");
        error.IsTransient.Should().BeTrue();

        server.Start();
        await store.WriteAsync([Batches.Make("box-1", 2, Batches.BaseTime + 10_000)], None);
        (await store.ReadAsync("box-1", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, None)).Should().HaveCount(20, "the first batch survived the restart");
    }

    [InfluxFact]
    public async Task With_authentication_wrong_credentials_and_missing_rights_are_named_and_a_granted_user_works()
    {
        using var server = new InfluxServer(new InfluxAccount("admin", "admin-secret"));
        server.Execute("CREATE USER writer WITH PASSWORD 'writer-secret'");

        using InfluxTelemetryStore wrongPassword = Influx.V1Store(server, "fleet", user: "admin", password: "nope");
        InfluxStoreException refused = (await ((Func<Task>)(() => wrongPassword.WriteAsync([Batches.Make("box-1", 1, Batches.BaseTime)], None)))
            .Should().ThrowAsync<InfluxStoreException>()).Which;
        refused.StatusCode.Should().Be(401);
        refused.IsTransient.Should().BeFalse();
        refused.Message.Should().Contain("refused the credentials (401)").And.Contain("Storage:Influx:Username and Storage:Influx:Password");

        // A user who is no admin cannot create the database, and has no right on it once it exists.
        using InfluxTelemetryStore writer = Influx.V1Store(server, "fleet", user: "writer", password: "writer-secret");
        Func<Task> write = () => writer.WriteAsync([Batches.Make("box-1", 1, Batches.BaseTime)], None);
        InfluxStoreException missing = (await write.Should().ThrowAsync<InfluxStoreException>()).Which;
        missing.StatusCode.Should().Be(404);
        missing.Message.Should().Contain("has no database 'fleet'").And.Contain("user 'writer' may not: create it as an admin (CREATE DATABASE \"fleet\")");

        server.Execute("CREATE DATABASE fleet");
        InfluxStoreException forbidden = (await write.Should().ThrowAsync<InfluxStoreException>()).Which;
        forbidden.StatusCode.Should().Be(403);
        forbidden.Message.Should().Contain("does not let user 'writer' write 10 points in database 'fleet' (403)").And.Contain("Grant the rights");

        server.Execute("GRANT ALL ON fleet TO writer");
        await writer.WriteAsync([Batches.Make("box-1", 1, Batches.BaseTime)], None);
        (await writer.ReadAsync("box-1", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, None)).Should().HaveCount(10);
        await writer.DeleteOlderThanAsync("box-1", Batches.At(Batches.BaseTime + 5000), None);
        (await writer.ReadAsync("box-1", DateTimeOffset.MinValue, DateTimeOffset.MaxValue, None)).Should().HaveCount(5);

        // The admin's store creates its own database at start.
        using InfluxTelemetryStore admin = Influx.V1Store(server, "fleet_admin", user: "admin", password: "admin-secret");
        await admin.PrepareAsync(None);
        server.Execute("SHOW DATABASES").Should().Contain("fleet_admin");
    }

    private static int FreeLoopbackPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
