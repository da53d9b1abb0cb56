using RydBox.Gateway.Events.Model;
using RydBox.Gateway.Events.Processing;

namespace RydBox.Benchmarks.Events;

/// <summary>The events the gateway kept for one device (latest version per key), and when each key was first emitted (gateway time).</summary>
internal sealed record Detection(IReadOnlyDictionary<string, VehicleEvent> Events, IReadOnlyDictionary<string, long> FirstEmittedUnixMs, int Replays)
{
    public IEnumerable<T> OfKind<T>()
        where T : VehicleEvent => Events.Values.OfType<T>().OrderBy(e => e.StartUnixMs);
}

/// <summary>
/// Runs the gateway's detectors over one device's deliveries: as the gateway does (through a
/// <see cref="DeviceTimeline"/>, in arrival order, with the gateway's clock ticking between
/// arrivals, late data replayed and what a replay did not find again withdrawn), or over every
/// observation sorted by time (what the timeline must reproduce).
/// </summary>
internal static class GatewayDetection
{
    /// <summary>How long the gateway's clock runs on after the last delivery, so that silence ends what it ends.</summary>
    private static readonly long Epilogue = (long)TimeSpan.FromHours(1).TotalMilliseconds;

    public static Detection AsArriving(IReadOnlyList<Delivery> deliveries, EventsOptions options, VehicleRules rules)
    {
        var stored = new List<Observation>();
        var timeline = new DeviceTimeline(
            new DetectorSet(options, rules), options, new MemoryCheckpointStore(), (from, to) => ObservationOrder.Sort(stored.Where(o => o.UnixMilliseconds > from && o.UnixMilliseconds <= to)));
        var kept = new Dictionary<string, VehicleEvent>();
        var first = new Dictionary<string, long>();
        int replays = 0;
        long tick = (long)options.TickInterval.TotalMilliseconds;
        long nextTick = deliveries.Count > 0 ? (deliveries[0].AtUnixMs / tick + 1) * tick : 0;

        void Keep(TimelineResult result, long now)
        {
            if (result.ReplayedFromUnixMs is long from)
            {
                replays++;
                var found = result.Emitted.Select(e => e.Key).ToHashSet();
                foreach (string key in kept.Where(e => e.Value.StartUnixMs > from && !found.Contains(e.Key)).Select(e => e.Key).ToList())
                {
                    kept.Remove(key);
                }
            }

            foreach (VehicleEvent e in result.Emitted)
            {
                kept[e.Key] = e;
                first.TryAdd(e.Key, now);
            }
        }

        void TickUntil(long until)
        {
            for (; nextTick <= until; nextTick += tick)
            {
                Keep(timeline.Tick(nextTick), nextTick);
            }
        }

        foreach (Delivery delivery in deliveries)
        {
            TickUntil(delivery.AtUnixMs);
            stored.AddRange(delivery.Observations);
            Keep(timeline.Receive(delivery.Observations, delivery.AtUnixMs), delivery.AtUnixMs);
        }

        TickUntil((deliveries.Count > 0 ? deliveries[^1].AtUnixMs : 0) + Epilogue);
        return new Detection(WithoutOffline(kept), first, replays);
    }

    /// <summary>Every observation in time order straight into the detectors, then one tick an hour after the last.</summary>
    public static Detection InTimeOrder(IReadOnlyList<Delivery> deliveries, EventsOptions options, VehicleRules rules)
    {
        var detectors = new DetectorSet(options, rules);
        var emitted = new List<VehicleEvent>();
        DetectorStates states = detectors.Initial;
        Observation[] ordered = ObservationOrder.Sort(deliveries.SelectMany(d => d.Observations));
        foreach (Observation observation in ordered)
        {
            states = detectors.Observe(states, observation, emitted);
        }

        if (ordered.Length > 0)
        {
            detectors.Observe(states, new ClockTick(ordered[^1].UnixMilliseconds + Epilogue), emitted);
        }

        var kept = new Dictionary<string, VehicleEvent>();
        foreach (VehicleEvent e in emitted)
        {
            kept[e.Key] = e;
        }

        return new Detection(WithoutOffline(kept), new Dictionary<string, long>(), 0);
    }

    /// <summary>Silence is the gateway's clock's to notice: the time-ordered run has no clock, so offline episodes are left out of both.</summary>
    private static Dictionary<string, VehicleEvent> WithoutOffline(Dictionary<string, VehicleEvent> kept) =>
        kept.Where(e => e.Value is not OfflineEvent).ToDictionary();
}
