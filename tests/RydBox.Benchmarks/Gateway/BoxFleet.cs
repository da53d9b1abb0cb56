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
        var timeline = new PhaseTimeline(_options, phase);
        LoadBox[] connected = _boxes.Where(b => b.Client is { IsConnected: true }).ToArray();
        Task[] boxes = connected
            .Select(b => Task.Run(() => phase == LoadPhases.Paced ? PacedAsync(b, timeline.Start, timeline.End, timeline.Recorder) : FlatOutAsync(b, timeline.End, timeline.Recorder)))
            .ToArray();
        await Task.WhenAll(boxes);
        return await timeline.FinishAsync(samplesPerMessage: null);
    }

    /// <summary>Publishes at the configured rate from a random phase; latency counts from when each batch was due.</summary>
    private async Task PacedAsync(LoadBox box, long start, long end, PhaseRecorder recorder)
    {
        long period = (long)(Stopwatch.Frequency / _options.RateHz);
        long due = start + (long)(new Random(box.Index).NextDouble() * period);
        while (due < end)
        {
            await PhaseTimeline.DelayUntil(due);
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
    private long? _lastRowMs;
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
    /// The next batch: K consecutive samples of the drive, re-timed to fill the time since the
    /// previous batch evenly and end now (a box's batches never overlap in time; the first covers
    /// the K seconds before now), under the next sequence number. Reuses one buffer, so the previous
    /// batch must have been acknowledged.
    /// </summary>
    public ArraySegment<byte> Encode(long nowMs)
    {
        if (_driveAt + _samples > _drive.Count)
        {
            _driveAt = 0;
        }

        long since = _lastRowMs ?? nowMs - (_samples * 1000L);
        double step = Math.Max(1, nowMs - since) / (double)_samples;
        _batch.Clear();
        for (int i = 0; i < _samples; i++)
        {
            long time = Math.Max((_lastRowMs ?? since) + 1, since + (long)Math.Ceiling((i + 1) * step));
            _batch.BeginRow(time);
            foreach ((int signal, long raw) in _drive[_driveAt + i].Values)
            {
                _batch.Set(signal, raw);
            }

            _lastRowMs = time;
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
