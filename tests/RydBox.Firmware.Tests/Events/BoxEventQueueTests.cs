using RydBox.Firmware.Events;
using RydBox.Firmware.Tests.Support;

namespace RydBox.Firmware.Tests.Events;

public class BoxEventQueueTests
{
    private readonly ManualClock _clock = new();
    private readonly SettableWallClock _wallClock;

    public BoxEventQueueTests() => _wallClock = new SettableWallClock(_clock);

    [Fact]
    public void Events_come_out_in_order_with_the_position_of_their_time()
    {
        _wallClock.Set(1_700_000_000_000);
        var queue = new BoxEventQueue(4, _clock, _wallClock);
        queue.SetPosition(true, 473_000_000, 85_000_000);
        queue.Emit(BoxEventType.IgnitionOn, 0, 14_000, "rpm");
        queue.SetPosition(false, 0, 0);
        _clock.Advance(5000);
        queue.Emit(BoxEventType.GnssFixLost, 5000, 0, null);

        var first = new BoxEvent();
        var second = new BoxEvent();
        queue.TryDequeue(first).Should().BeTrue();
        queue.TryDequeue(second).Should().BeTrue();
        queue.TryDequeue(new BoxEvent()).Should().BeFalse();

        first.Should().BeEquivalentTo(new BoxEvent
        {
            Type = BoxEventType.IgnitionOn, UnixMilliseconds = 1_700_000_000_000, HasPosition = true,
            LatitudeE7 = 473_000_000, LongitudeE7 = 85_000_000, Value = 14_000, Detail = "rpm",
        });
        second.Type.Should().Be(BoxEventType.GnssFixLost);
        second.HasPosition.Should().BeFalse();
        second.UnixMilliseconds.Should().Be(1_700_000_005_000);
    }

    [Fact]
    public void An_event_from_before_the_wall_clock_was_set_waits_and_is_dated_back()
    {
        var queue = new BoxEventQueue(4, _clock, _wallClock);
        _clock.Advance(1000);
        queue.Emit(BoxEventType.Reboot, 1000, 0, "power on");
        _clock.Advance(41_000);
        queue.TryDequeue(new BoxEvent()).Should().BeFalse("its date is not known yet");
        queue.Count.Should().Be(1);

        _wallClock.Set(1_700_000_042_000);
        var reboot = new BoxEvent();
        queue.TryDequeue(reboot).Should().BeTrue();

        reboot.UnixMilliseconds.Should().Be(1_700_000_001_000);
        reboot.Detail.Should().Be("power on");
    }

    [Fact]
    public void When_full_the_oldest_event_is_overwritten_and_counted()
    {
        _wallClock.Set(1_700_000_000_000);
        var queue = new BoxEventQueue(3, _clock, _wallClock);
        for (int i = 0; i < 5; i++)
        {
            queue.Emit(BoxEventType.OutboxDropped, i, i, null);
        }

        queue.Count.Should().Be(3);
        queue.Overflows.Should().Be(2);
        var taken = new List<long>();
        var e = new BoxEvent();
        while (queue.TryDequeue(e))
        {
            taken.Add(e.Value);
        }

        taken.Should().Equal(2, 3, 4);
    }

    [Fact]
    public void Emitting_and_taking_allocate_nothing()
    {
        _wallClock.Set(1_700_000_000_000);
        var queue = new BoxEventQueue(8, _clock, _wallClock);
        var into = new BoxEvent();
        queue.Emit(BoxEventType.IgnitionOn, 0, 0, "rpm");
        queue.TryDequeue(into);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            queue.Emit(BoxEventType.IgnitionOn, i, i, "rpm");
            queue.TryDequeue(into);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }
}
