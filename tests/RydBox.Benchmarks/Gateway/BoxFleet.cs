using System.Diagnostics;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using RydBox.Benchmarks.Wire;
using RydBox.Contract;
using RydBox.Firmware.Wire;

namespace RydBox.Benchmarks.Gateway;

/// <summary>
/// The load generator process (--role generator): N boxes, each its own MQTTnet connection logged in
/// as its device, publishing telemetry batches encoded by the firmware core with QoS 1. Commands on
/// stdin: "connect N" (connect boxes until N are up), "paced", "max", "quit".
/// <para>
/// A box's PublishAsync completes when its PUBACK arrives. The embedded broker sends that PUBACK
/// only after the batch holding the message has committed (Broker/EmbeddedMqttBroker), so for the
/// gateway PUBACK time is commit time and the latency measured here is publish-to-committed. In the
/// paced phase latency counts from the time the message was due, so a box that falls behind
/// schedule shows it as latency instead of hiding it (no coordinated omission).
/// </para>
/// </summary>
internal sealed class BoxFleet
{
    private static readonly TimeSpan OperationTimeout = TimeSpan.FromSeconds(60);

    private readonly LoadOptions _options;
    private readonly string _secret;
    private readonly LoadBox[] _boxes;
    private long _acknowledged;
    private long _failed;
    private int _refused;
    private int _connectFailed;
    private int _retries;
    private string? _firstConnectError;

    private BoxFleet(LoadOptions options, string secret)
    {
        _options = options;
        _secret = secret;
        List<DriveSample> drive = DriveStream.Generate(seed: 7, seconds: 600);
        _boxes = Enumerable.Range(0, options.Boxes).Select(i => new LoadBox(i, drive, options.SamplesPerBatch)).ToArray();
    }

    public static async Task<int> RunAsync(LoadOptions options)
    {
        string secret = Environment.GetEnvironmentVariable(LoadServer.SecretVariable) ?? throw new InvalidOperationException($"{LoadServer.SecretVariable} is not set");
        var fleet = new BoxFleet(options, secret);
        while (await Console.In.ReadLineAsync() is string line)
        {
            string[] command = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (command.FirstOrDefault())
            {
                case "connect":
                    LoadProtocol.Emit("connected", await fleet.ConnectAsync(int.Parse(command[1], System.Globalization.CultureInfo.InvariantCulture)));
                    break;
                case LoadPhases.Paced or LoadPhases.Max:
                    LoadProtocol.Emit("phase", await fleet.RunPhaseAsync(command[0]));
                    break;
                case "quit":
                    await fleet.DisconnectAsync();
                    LoadProtocol.Emit("done", new DoneReport(Interlocked.Read(ref fleet._acknowledged), Interlocked.Read(ref fleet._failed)));
                    return 0;
                default:
                    Console.Error.WriteLine($"unknown command {line}");
                    break;
            }
        }

        return 0;
    }

    /// <summary>Typical payload of one batch: its size in bytes and the values per sample, from the first boxes' first batches.</summary>
    public static (double Bytes, double ValuesPerSample) PayloadShape(int samplesPerBatch)
    {
        List<DriveSample> drive = DriveStream.Generate(seed: 7, seconds: 600);
        long bytes = 0;
        const int Batches = 200;
        for (int i = 0; i < Batches; i++)
        {
            var box = new LoadBox(i, drive, samplesPerBatch);
            bytes += box.Encode(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()).Count;
        }

        double values = drive.Average(s => s.Values.Count);
        return (bytes / (double)Batches, values);
    }

    private async Task<ConnectReport> ConnectAsync(int upTo)
    {
        long started = Stopwatch.GetTimestamp();
        IEnumerable<LoadBox> waiting = _boxes.Take(Math.Min(upTo, _boxes.Length)).Where(b => b.Client is null && !b.GaveUp);
        await Parallel.ForEachAsync(waiting, new ParallelOptions { MaxDegreeOfParallelism = _options.ConnectConcurrency }, ConnectOneAsync);
        return new ConnectReport(
            _boxes.Count(b => b.Client is not null), _refused, _connectFailed, _retries, Stopwatch.GetElapsedTime(started).TotalSeconds, _firstConnectError);
    }

    private async ValueTask ConnectOneAsync(LoadBox box, CancellationToken cancellationToken)
    {
        MqttClientOptionsBuilder builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.Port)
            .WithClientId(box.DeviceId)
            .WithCredentials(box.DeviceId, _secret)
            .WithCleanSession(false) // as the firmware's session does
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(60))
            .WithTimeout(OperationTimeout)
            .WithWillTopic(WireTopics.Build(box.DeviceId, TopicKind.Status))
            .WithWillPayload(box.OfflinePayload)
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithProtocolVersion(_options.Mqtt5 ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311);
        if (_options.Mqtt5)
        {
            builder = builder.WithSessionExpiryInterval(3600);
        }

        MqttClientOptions options = builder.Build();
        for (int attempt = 1; attempt <= 3; attempt++)
        {
            IMqttClient client = new MqttClientFactory().CreateMqttClient();
            try
            {
                using var timeout = new CancellationTokenSource(OperationTimeout * 2);
                MqttClientConnectResult result = await client.ConnectAsync(options, timeout.Token);
                if (result.ResultCode != MqttClientConnectResultCode.Success)
                {
                    Interlocked.Increment(ref _refused);
                    Interlocked.CompareExchange(ref _firstConnectError, $"{box.DeviceId} refused: {result.ResultCode}", null);
                    client.Dispose();
                    box.GaveUp = true;
                    return;
                }

                // A box listens for commands on its own cmd topic.
                await client.SubscribeAsync(
                    new MqttClientSubscribeOptionsBuilder().WithTopicFilter(WireTopics.Build(box.DeviceId, TopicKind.Command), MqttQualityOfServiceLevel.AtLeastOnce).Build(),
                    timeout.Token);
                box.Client = client;
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Interlocked.CompareExchange(ref _firstConnectError, $"{box.DeviceId}: {e.GetType().Name}: {e.Message}", null);
                client.Dispose();
                if (attempt < 3)
                {
                    Interlocked.Increment(ref _retries);
                    await Task.Delay(250 * attempt, cancellationToken);
                }
            }
        }

        Interlocked.Increment(ref _connectFailed);
        box.GaveUp = true;
    }

    private async Task<PhaseReport> RunPhaseAsync(string phase)
    {
        long frequency = Stopwatch.Frequency;
        long start = Stopwatch.GetTimestamp();
        long warmupEnd = start + (long)(_options.WarmupSeconds * frequency);
        long window = (long)(_options.Seconds / _options.Windows * frequency);
        long end = warmupEnd + _options.Windows * window;
        var recorder = new PhaseRecorder(warmupEnd, window, _options.Windows);

        Task ticks = Task.Run(async () =>
        {
            for (int k = 0; k <= _options.Windows; k++)
            {
                await DelayUntil(warmupEnd + k * window);
                LoadProtocol.Emit("tick", new TickReport(phase, k));
            }
        });

        LoadBox[] connected = _boxes.Where(b => b.Client is { IsConnected: true }).ToArray();
        Task[] boxes = connected
            .Select(b => Task.Run(() => phase == LoadPhases.Paced ? PacedAsync(b, start, end, recorder) : FlatOutAsync(b, end, recorder)))
            .ToArray();
        await Task.WhenAll(boxes);
        await ticks;

        return new PhaseReport(
            phase,
            window / (double)frequency,
            recorder.Windows(),
            recorder.Acknowledged,
            recorder.Failed,
            recorder.Lost,
            recorder.FirstError);
    }

    /// <summary>Publishes at the configured rate from a random phase; latency counts from when each batch was due.</summary>
    private async Task PacedAsync(LoadBox box, long start, long end, PhaseRecorder recorder)
    {
        long period = (long)(Stopwatch.Frequency / _options.RateHz);
        long due = start + (long)(new Random(box.Index).NextDouble() * period);
        while (due < end)
        {
            await DelayUntil(due);
            if (!await PublishAsync(box, due, recorder))
            {
                return;
            }

            due += period;
        }
    }

    /// <summary>Publishes the next batch as soon as the last one is acknowledged.</summary>
    private async Task FlatOutAsync(LoadBox box, long end, PhaseRecorder recorder)
    {
        while (Stopwatch.GetTimestamp() < end)
        {
            if (!await PublishAsync(box, Stopwatch.GetTimestamp(), recorder))
            {
                return;
            }
        }
    }

    /// <summary>One batch, published and acknowledged (or failed); false when the box's connection is gone.</summary>
    private async Task<bool> PublishAsync(LoadBox box, long since, PhaseRecorder recorder)
    {
        IMqttClient client = box.Client!;
        MqttApplicationMessage message = new MqttApplicationMessageBuilder()
            .WithTopic(box.Topic)
            .WithPayloadSegment(box.Encode(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        try
        {
            MqttClientPublishResult result = await client.PublishAsync(message);
            long acknowledged = Stopwatch.GetTimestamp();
            if (result.IsSuccess)
            {
                Interlocked.Increment(ref _acknowledged);
                recorder.Acknowledge(acknowledged, acknowledged - since);
            }
            else
            {
                Interlocked.Increment(ref _failed);
                recorder.Failure(acknowledged, $"{box.DeviceId}: PUBACK {result.ReasonCode}");
            }

            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Interlocked.Increment(ref _failed);
            recorder.Failure(Stopwatch.GetTimestamp(), $"{box.DeviceId}: {e.GetType().Name}: {e.Message}");
            if (client.IsConnected)
            {
                return true;
            }

            recorder.ConnectionLost();
            box.Client = null;
            box.GaveUp = true;
            client.Dispose();
            return false;
        }
    }

    private async Task DisconnectAsync()
    {
        await Parallel.ForEachAsync(
            _boxes.Where(b => b.Client is not null),
            new ParallelOptions { MaxDegreeOfParallelism = 64 },
            async (box, _) =>
            {
                IMqttClient client = box.Client!;
                box.Client = null;
                try
                {
                    // A clean DISCONNECT: the broker discards the will, so no "offline" status is stored.
                    await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build());
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // gone already
                }

                client.Dispose();
            });
    }

    private static async Task DelayUntil(long timestamp)
    {
        long left = timestamp - Stopwatch.GetTimestamp();
        if (left > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(left / (double)Stopwatch.Frequency));
        }
    }
}

/// <summary>
/// One box: device id, topics, a batch of K one-second samples from a plausible drive (positions,
/// GNSS quality, OBD signals in three polling tiers, about 12 values a sample), the firmware core's
/// encoder and a strictly increasing sequence number, as the box firmware keeps them.
/// </summary>
internal sealed class LoadBox
{
    private static readonly byte[] Offline = MakeOffline();

    private readonly List<DriveSample> _drive;
    private readonly int _samples;
    private readonly TelemetryBatch _batch;
    private readonly TelemetryEncoder _encoder = new();
    private readonly byte[] _buffer = new byte[8192];
    private int _driveAt;
    private long _sequence;

    public LoadBox(int index, List<DriveSample> drive, int samplesPerBatch)
    {
        Index = index;
        DeviceId = LoadOptions.DeviceId(index);
        Topic = WireTopics.Build(DeviceId, TopicKind.Telemetry);
        _drive = drive;
        _samples = samplesPerBatch;
        _batch = new TelemetryBatch(samplesPerBatch, 24);
        _driveAt = index * 37 % (drive.Count - samplesPerBatch); // boxes are at different points of their drives
    }

    public int Index { get; }

    public string DeviceId { get; }

    public string Topic { get; }

    public byte[] OfflinePayload => Offline;

    public IMqttClient? Client { get; set; }

    public bool GaveUp { get; set; }

    /// <summary>
    /// The next batch: K consecutive samples of the drive, re-timed so the last was taken now, under
    /// the next sequence number. Reuses one buffer, so the previous batch must have been acknowledged.
    /// </summary>
    public ArraySegment<byte> Encode(long nowMs)
    {
        if (_driveAt + _samples > _drive.Count)
        {
            _driveAt = 0;
        }

        long last = _drive[_driveAt + _samples - 1].UnixMilliseconds;
        _batch.Clear();
        for (int i = _driveAt; i < _driveAt + _samples; i++)
        {
            DriveSample sample = _drive[i];
            _batch.BeginRow(nowMs - (last - sample.UnixMilliseconds));
            foreach ((int signal, long raw) in sample.Values)
            {
                _batch.Set(signal, raw);
            }
        }

        _driveAt += _samples;
        int length = _encoder.Encode(_batch, ++_sequence, _buffer);
        return length > 0 ? new ArraySegment<byte>(_buffer, 0, length) : throw new InvalidOperationException($"batch did not encode ({length})");
    }

    private static byte[] MakeOffline()
    {
        var buffer = new byte[64];
        int length = new StatusEncoder().EncodeOffline(buffer);
        return buffer[..length];
    }
}

/// <summary>PUBACKs and failures of one phase, by the window they arrived in (none during the warm-up or after the last window).</summary>
internal sealed class PhaseRecorder(long firstWindowStart, long windowTicks, int windows)
{
    private readonly LatencyHistogram[] _latencies = Enumerable.Range(0, windows).Select(_ => new LatencyHistogram()).ToArray();
    private readonly long[] _failures = new long[windows];
    private long _acknowledged;
    private long _failed;
    private int _lost;
    private string? _firstError;

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    public long Failed => Interlocked.Read(ref _failed);

    public int Lost => Volatile.Read(ref _lost);

    public string? FirstError => Volatile.Read(ref _firstError);

    public void Acknowledge(long at, long latencyTicks)
    {
        Interlocked.Increment(ref _acknowledged);
        if (WindowOf(at) is int w)
        {
            _latencies[w].Record(latencyTicks * 1_000_000 / Stopwatch.Frequency);
        }
    }

    public void Failure(long at, string error)
    {
        Interlocked.Increment(ref _failed);
        Interlocked.CompareExchange(ref _firstError, error, null);
        if (WindowOf(at) is int w)
        {
            Interlocked.Increment(ref _failures[w]);
        }
    }

    public void ConnectionLost() => Interlocked.Increment(ref _lost);

    public WindowReport[] Windows() =>
        _latencies.Select((h, w) => new WindowReport(
                h.Count, Interlocked.Read(ref _failures[w]), h.PercentileMilliseconds(0.50), h.PercentileMilliseconds(0.90), h.PercentileMilliseconds(0.99), h.MaxMilliseconds))
            .ToArray();

    private int? WindowOf(long at)
    {
        if (at < firstWindowStart)
        {
            return null;
        }

        long w = (at - firstWindowStart) / windowTicks;
        return w < windows ? (int)w : null;
    }
}
