using RydBox.Gateway.Events.Detectors.Curfew;
using RydBox.Gateway.Events.Detectors.Geofences;
using RydBox.Gateway.Events.Detectors.LowBattery;
using RydBox.Gateway.Events.Detectors.Offline;
using RydBox.Gateway.Events.Detectors.Speeding;
using RydBox.Gateway.Events.Detectors.Towing;
using RydBox.Gateway.Events.Detectors.Trips;

namespace RydBox.Gateway.Events.Processing;

/// <summary>
/// Configuration section <c>RydBox:Events</c>: each detector's thresholds under its own key
/// (RydBox:Events:Trip:DataGapSeconds, ...; the detectors' READMEs list them with their defaults)
/// and how observations are ordered and checkpointed before they reach the detectors.
/// </summary>
public sealed class EventsOptions
{
    public const string Section = "RydBox:Events";

    /// <summary>Runs the detectors at all. Default true.</summary>
    public bool Enabled { get; set; } = true;

    public TripOptions Trip { get; set; } = new();

    public TowingOptions Towing { get; set; } = new();

    public GeofenceOptions Geofence { get; set; } = new();

    public SpeedingOptions Speeding { get; set; } = new();

    public CurfewOptions Curfew { get; set; } = new();

    public LowBatteryOptions LowBattery { get; set; } = new();

    public OfflineOptions Offline { get; set; } = new();

    /// <summary>
    /// How long what runs ahead of a device's samples (a box's event, published before the telemetry
    /// batch that holds the same moment; a batch closes every 10 s) waits for the samples to reach
    /// its time, so that it is put in order without replaying. Samples themselves do not wait.
    /// Default 30 s.
    /// </summary>
    public TimeSpan ReorderWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a device's newest samples wait before the detectors see them: a box stamps an event
    /// (its IgnitionOff) at the start of a sampling cycle and may send the cycle's sample first, so
    /// the event is put before it without replaying. Older samples go on at once. Default 2 s.
    /// </summary>
    public TimeSpan SampleWindow { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A device's late data is replayed at most this often (gateway time); what arrives late in
    /// between waits for the next replay, so a box that keeps sending old data cannot make detection
    /// re-read its history with every message. Default 1 min.
    /// </summary>
    public TimeSpan MinReplayInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the gateway's time is passed to the detectors (to end trips after a data gap, to notice a silent device). Default 30 s.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A device's state is written at least this often while data comes (at once when it found
    /// something, and at a clean stop). What arrived since is stored anyway: after a crash the
    /// gateway reads it again from the store, so a longer interval only means more to detect again
    /// after a crash, and fewer writes (10,000 devices write 10,000 / interval states a second).
    /// Default 1 min.
    /// </summary>
    public TimeSpan StateSaveInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A device's detector states are kept this often (in the box's time), to replay from when data arrives late. Default 1 h.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Checkpoints are kept this long: data later than this is stored but no longer changes the
    /// events. Default 7 days, beyond what a box's outbox holds.
    /// </summary>
    public TimeSpan CheckpointRetention { get; set; } = TimeSpan.FromDays(7);
}
