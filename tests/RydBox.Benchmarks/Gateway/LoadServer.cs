using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet.Server;
using RydBox.Gateway.Broker;
using RydBox.Gateway.Hosting;
using RydBox.Gateway.Identity;
using RydBox.Gateway.Ingest;
using RydBox.Gateway.Storage;
using RydBox.Testing.Brokers;
using RydBox.Testing.Influx;

namespace RydBox.Benchmarks.Gateway;

/// <summary>
/// The server process (--role server): the gateway built with <see cref="GatewayHost.Build"/> and
/// storing telemetry in SQLite or InfluxDB, or the baseline — a plain MQTTnet server whose only
/// subscriber does nothing. It answers "memory", "counts" and "quit" on stdin.
/// </summary>
internal static class LoadServer
{
    public const string Baseline = "baseline";
    public const string Sqlite = "sqlite";
    public const string Influx = "influx";
    public const string SecretVariable = "RYDBOX_LOAD_SECRET";

    public static async Task<int> RunAsync(LoadOptions options)
    {
        string secret = Environment.GetEnvironmentVariable(SecretVariable) ?? throw new InvalidOperationException($"{SecretVariable} is not set");
        await using ILoadTarget target = options.Target switch
        {
            Baseline => await BaselineTarget.StartAsync(),
            Sqlite => await GatewayTarget.StartAsync(TelemetryStoreKind.Sqlite, options.Boxes, secret),
            Influx => await GatewayTarget.StartAsync(TelemetryStoreKind.Influx, options.Boxes, secret),
            var other => throw new InvalidOperationException($"unknown target {other}"),
        };
        LoadProtocol.Emit("ready", target.Ready with { ServerGc = GCSettings.IsServerGC });

        while (await Console.In.ReadLineAsync() is string command)
        {
            switch (command.Trim())
            {
                case "memory":
                    (long managed, long workingSet) = ProcessStats.SettledMemory();
                    LoadProtocol.Emit("memory", new MemorySnapshot(managed, workingSet, target.Connected));
                    break;
                case "counts":
                    LoadProtocol.Emit("counts", target.Counts());
                    break;
                case "pipeline":
                    LoadProtocol.Emit("pipeline", target.Pipeline());
                    break;
                case "quit":
                    return 0;
                default:
                    Console.Error.WriteLine($"unknown command {command}");
                    break;
            }
        }

        return 0;
    }

    private interface ILoadTarget : IAsyncDisposable
    {
        ServerReady Ready { get; }

        int Connected { get; }

        ServerCounts Counts();

        PipelineCounts Pipeline();
    }

    /// <summary>
    /// The do-nothing subscriber: MQTTnet's server set up as the embedded broker is (persistent
    /// sessions, loopback only), accepting every login, and consuming each publish in a handler
    /// that returns at once — so the PUBACK goes out as soon as MQTTnet has read the message.
    /// </summary>
    private sealed class BaselineTarget : ILoadTarget
    {
        private readonly MqttServer _server;
        private long _received;
        private int _connected;

        private BaselineTarget(MqttServer server, int port)
        {
            _server = server;
            Ready = new ServerReady(Baseline, "127.0.0.1", port, 0, 0, false, null, null);
            server.ClientConnectedAsync += _ =>
            {
                Interlocked.Increment(ref _connected);
                return Task.CompletedTask;
            };
            server.ClientDisconnectedAsync += _ =>
            {
                Interlocked.Decrement(ref _connected);
                return Task.CompletedTask;
            };
            server.InterceptingPublishAsync += e =>
            {
                e.ProcessPublish = false; // consumed here, as the gateway consumes device messages
                Interlocked.Increment(ref _received);
                return Task.CompletedTask;
            };
        }

        public ServerReady Ready { get; }

        public int Connected => Volatile.Read(ref _connected);

        public static async Task<ILoadTarget> StartAsync()
        {
            int port = FreePort.Pick();
            MqttServerOptions options = new MqttServerOptionsBuilder()
                .WithDefaultEndpoint()
                .WithDefaultEndpointPort(port)
                .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
                .WithDefaultEndpointBoundIPV6Address(IPAddress.None)
                .WithPersistentSessions(true)
                .Build();
            MqttServer server = new MqttServerFactory().CreateMqttServer(options);
            var target = new BaselineTarget(server, port);
            await server.StartAsync();
            return target;
        }

        public ServerCounts Counts()
        {
            long received = Interlocked.Read(ref _received);
            return new ServerCounts(received, received, 0, 0, 0, 0, Connected, null);
        }

        public PipelineCounts Pipeline() => new(0, 0, 0);

        public async ValueTask DisposeAsync()
        {
            await _server.StopAsync();
            _server.Dispose();
        }
    }

    /// <summary>
    /// The gateway as it ships, configured in memory: a temporary data directory, the embedded broker
    /// on a free loopback port, the API on another, telemetry in SQLite or in an influxd of its own.
    /// </summary>
    private sealed class GatewayTarget : ILoadTarget
    {
        private readonly WebApplication _app;
        private readonly string _directory;
        private readonly InfluxServer? _influx;
        private readonly GatewayMetrics _metrics;
        private readonly bool _sqliteTelemetry;
        private readonly MeterListener _listener = new();
        private long _batches;
        private long _batchedMessages;
        private long _commitMicros;

        private GatewayTarget(WebApplication app, string directory, InfluxServer? influx, ServerReady ready, bool sqliteTelemetry)
        {
            _app = app;
            _directory = directory;
            _influx = influx;
            _metrics = app.Services.GetRequiredService<GatewayMetrics>();
            _sqliteTelemetry = sqliteTelemetry;
            Ready = ready;

            // The pipeline's own histograms: batch sizes and the time each batch took to validate and commit.
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter == _metrics.Meter && instrument.Name is "rydbox.ingest.batch.size" or "rydbox.ingest.commit.duration")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<int>((_, messages, _, _) =>
            {
                Interlocked.Increment(ref _batches);
                Interlocked.Add(ref _batchedMessages, messages);
            });
            _listener.SetMeasurementEventCallback<double>((_, milliseconds, _, _) => Interlocked.Add(ref _commitMicros, (long)(milliseconds * 1000)));
            _listener.Start();
        }

        public ServerReady Ready { get; }

        public int Connected => _metrics.ConnectedDevices;

        public static async Task<ILoadTarget> StartAsync(TelemetryStoreKind store, int devices, string secret)
        {
            string directory = Directory.CreateTempSubdirectory("rydbox-gateway-load-").FullName;
            InfluxServer? influx = store == TelemetryStoreKind.Influx ? new InfluxServer() : null;
            var settings = new Dictionary<string, string?>
            {
                ["RydBox:DataDirectory"] = directory,
                ["RydBox:Broker:Mode"] = "Embedded",
                ["RydBox:Broker:ListenAddress"] = "127.0.0.1",
                ["RydBox:Broker:Port"] = "0",
                ["RydBox:Api:Url"] = $"http://127.0.0.1:{FreePort.Pick()}",
                ["RydBox:Storage:Telemetry"] = store.ToString(),
                ["RydBox:Storage:Influx:Url"] = influx?.Address.ToString().TrimEnd('/'),
                ["RydBox:Storage:Influx:ApiVersion"] = "V1",
                ["Logging:LogLevel:Default"] = "Warning",
            };
            WebApplication app = GatewayHost.Build([], configuration => configuration.AddInMemoryCollection(settings));

            long started = Stopwatch.GetTimestamp();
            Seed(app.Services, devices, secret);
            double seeding = Stopwatch.GetElapsedTime(started).TotalSeconds;

            await app.StartAsync();
            int port = app.Services.GetRequiredService<EmbeddedMqttBroker>().Port;
            var ready = new ServerReady(
                store == TelemetryStoreKind.Sqlite ? Sqlite : Influx, "127.0.0.1", port, devices, seeding, false,
                influx?.Version, influx is null ? null : ProcessStats.ChildNamed("influxd"));
            return new GatewayTarget(app, directory, influx, ready, store == TelemetryStoreKind.Sqlite);
        }

        public ServerCounts Counts()
        {
            long? rows = null;
            if (_sqliteTelemetry)
            {
                using SqliteConnection connection = _app.Services.GetRequiredService<GatewayDatabase>().Open();
                using SqliteCommand count = connection.CreateCommand();
                count.CommandText = "SELECT COUNT(*) FROM telemetry_batches";
                rows = (long)count.ExecuteScalar()!;
            }

            return new ServerCounts(
                _metrics.Received, _metrics.Committed, _metrics.Duplicates, _metrics.DeadLetters, _metrics.CommitFailures,
                _metrics.RefusedConnections, _metrics.ConnectedDevices, rows);
        }

        public PipelineCounts Pipeline() =>
            new(Interlocked.Read(ref _batches), Interlocked.Read(ref _batchedMessages), Interlocked.Read(ref _commitMicros) / 1e6);

        public async ValueTask DisposeAsync()
        {
            _listener.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
            _influx?.Dispose();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // a leftover temporary folder is harmless
            }
        }

        /// <summary>
        /// One tenant and the devices box-00000 … The first is added through the gateway's own
        /// <see cref="DeviceRegistry"/> (its secret hashed with PBKDF2, 100 000 rounds); the others
        /// are copies of its row with their own ids — the same secret hash, written in one SQL
        /// transaction. Only the benchmark does this: hashing 10 000 secrets one by one would take
        /// minutes and measure nothing about ingest. Each box still logs in with the secret, and the
        /// gateway still runs one full PBKDF2 check per device at its first connect (then caches it).
        /// </summary>
        private static void Seed(IServiceProvider services, int devices, string secret)
        {
            const string Tenant = "load-bench";
            services.GetRequiredService<TenantRegistry>().Add(Tenant, "Gateway load benchmark");
            DeviceRegistry registry = services.GetRequiredService<DeviceRegistry>();
            string first = LoadOptions.DeviceId(0);
            registry.Add(first, Tenant, secret: secret);

            using SqliteConnection connection = services.GetRequiredService<GatewayDatabase>().Open();
            using SqliteTransaction transaction = connection.BeginTransaction();
            using SqliteCommand copy = connection.CreateCommand();
            copy.Transaction = transaction;
            copy.CommandText =
                "INSERT INTO devices (id, tenant_id, name, vin, secret_hash, revoked, created_ms) " +
                "SELECT $id, tenant_id, name, vin, secret_hash, revoked, created_ms FROM devices WHERE id = $first";
            SqliteParameter id = copy.Parameters.Add("$id", SqliteType.Text);
            copy.Parameters.AddWithValue("$first", first);
            for (int box = 1; box < devices; box++)
            {
                id.Value = LoadOptions.DeviceId(box);
                copy.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }
}
