using RydBox.Firmware.Events;
using RydBox.Firmware.Tests.Support;

namespace RydBox.Firmware.Tests.Events;

/// <summary>A queue on virtual clocks that is already dated, and a way to read what detectors put in it.</summary>
public sealed class EventLog
{
    public EventLog(int capacity = 64)
    {
        Clock = new ManualClock();
        WallClock = new SettableWallClock(Clock);
        WallClock.Set(1_700_000_000_000);
        Queue = new BoxEventQueue(capacity, Clock, WallClock);
    }

    public ManualClock Clock { get; }

    public SettableWallClock WallClock { get; }

    public BoxEventQueue Queue { get; }

    /// <summary>Takes every queued event.</summary>
    public List<BoxEvent> Drain()
    {
        var events = new List<BoxEvent>();
        var next = new BoxEvent();
        while (Queue.TryDequeue(next))
        {
            events.Add(next);
            next = new BoxEvent();
        }

        return events;
    }

    public List<BoxEventType> DrainTypes() => Drain().Select(e => e.Type).ToList();
}
