using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using RydBox.Simulator.Boxes;
using RydBox.Simulator.Scenarios;
using RydBox.Simulator.Time;

namespace RydBox.Benchmarks.Events;

/// <summary>One vehicle to play: a scenario, the seed that makes it concrete, and how the box reaches the ECUs.</summary>
internal sealed record DriveJob(ScenarioDefinition Scenario, int Seed, ObdPath Path)
{
    public string Name => $"{Scenario.Name}#{Seed}/{Path}";
}

/// <summary>What one box published while its vehicle played a scenario, in publish order, and what really happened.</summary>
internal sealed record RecordedDrive(
    DriveJob Job, GroundTruth Truth, IReadOnlyList<Geofence> Fences, IReadOnlyList<CapturedMessage> Messages, long StartUnixMs, long EndUnixMs, TimeSpan RealTime);

/// <summary>
/// Plays virtual boxes (the real firmware core against simulated vehicles) to the end of their
/// scenarios on shared schedulers, capturing what each publishes instead of sending it over MQTT.
/// </summary>
internal sealed class DrivePlayer : IDisposable
{
    /// <summary>Calendar time at every box's start: a fixed day, so a seed gives the same timestamps on every run.</summary>
    public const long StartUnixMs = 1_764_000_000_000;

    private const string Secret = "accuracy-secret";

    /// <summary>Not used: the boxes publish to a capturing link.</summary>
    private static readonly Uri NoBroker = new("mqtt://127.0.0.1:1");

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    /// <summary>How long a finished box may take to hand over what its outbox still holds.</summary>
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(30);

    /// <summary>Real time allowed beyond the scenario's estimated length at the active pace (drives take longer than their estimate).</summary>
    private const double PatienceFactor = 4;

    private static readonly TimeSpan PatienceFloor = TimeSpan.FromSeconds(60);

    private readonly ScenarioWorld _world;
    private readonly SimulationPace _pace;
    private readonly StepScheduler _sampling;
    private readonly StepScheduler _uplinks;
    private Exception? _failure;

    public DrivePlayer(ScenarioWorld world, SimulationPace pace, int parallel)
    {
        _world = world;
        _pace = pace;

        // More lanes than cores, so that a box's slow first step (PID discovery) holds up few others.
        _sampling = new StepScheduler(Math.Max(4, 2 * Environment.ProcessorCount));
        _uplinks = new StepScheduler(parallel);
        _sampling.StepFailed += Fail;
        _uplinks.StepFailed += Fail;
    }

    public ScenarioWorld World => _world;

    public async Task<RecordedDrive> PlayAsync(DriveJob job, CancellationToken cancellation)
    {
        var messages = new List<CapturedMessage>();
        var settings = new VirtualBoxSettings($"acc-{job.Scenario.Name}-{job.Seed}", Secret, NoBroker, job.Path, job.Seed);
        long started = Stopwatch.GetTimestamp();
        using var box = new VirtualBox(
            settings, _world, job.Scenario, StartUnixMs, _pace, NullLogger.Instance, capture: m =>
            {
                lock (messages)
                {
                    messages.Add(m);
                }
            });
        TimeSpan patience = TimeSpan.FromSeconds(box.Run.EstimatedMilliseconds / 1000.0 / _pace.Active * PatienceFactor) + PatienceFloor;
        box.Start(_sampling, _uplinks);
        while (!box.Run.IsFinished)
        {
            if (Volatile.Read(ref _failure) is Exception failure)
            {
                throw new InvalidOperationException($"{job.Name}: a box's step failed", failure);
            }

            if (Stopwatch.GetElapsedTime(started) > patience)
            {
                throw new TimeoutException($"{job.Name}: the scenario did not end within {patience.TotalSeconds:0} s of real time");
            }

            await Task.Delay(Poll, cancellation);
        }

        await Task.Run(() => box.Stop(Drain), cancellation);
        if (box.Runtime.Outbox.Count > 0)
        {
            throw new InvalidOperationException($"{job.Name}: {box.Runtime.Outbox.Count} messages were still in the outbox after {Drain.TotalSeconds:0} s");
        }

        box.Clock.TryGetUnixMilliseconds(out long end);
        CapturedMessage[] captured;
        lock (messages)
        {
            captured = [.. messages];
        }

        return new RecordedDrive(job, box.Run.Truth, box.Run.Context.Fences, captured, StartUnixMs, end, Stopwatch.GetElapsedTime(started));
    }

    public void Dispose()
    {
        _sampling.Dispose();
        _uplinks.Dispose();
    }

    private void Fail(Exception e) => Interlocked.CompareExchange(ref _failure, e, null);
}
