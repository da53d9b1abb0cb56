using RydBox.Firmware.Hardware;

namespace RydBox.Firmware.Events
{
    /// <summary>
    /// Where detectors put their events until the runtime takes them for sending: a ring of
    /// preallocated <see cref="BoxEvent"/> slots. When it is full the oldest event is overwritten
    /// (the newest say most about the vehicle now) and <see cref="Overflows"/> counts it.
    /// Events are emitted at monotonic times; the wall time is added as soon as the wall clock is
    /// known, counting back from now, so an event raised before the clock was set (the reboot event,
    /// typically) still gets its true date. Safe to fill and drain from different threads.
    /// </summary>
    public sealed class BoxEventQueue
    {
        public const int DefaultCapacity = 32;

        private readonly BoxEvent[] _slots;
        private readonly long[] _emittedAtMs;
        private readonly bool[] _dated;
        private readonly IClock _clock;
        private readonly IWallClock _wallClock;
        private readonly object _gate = new object();
        private int _head;
        private int _count;
        private bool _hasPosition;
        private int _latitudeE7;
        private int _longitudeE7;

        public BoxEventQueue(IClock clock, IWallClock wallClock)
            : this(DefaultCapacity, clock, wallClock)
        {
        }

        public BoxEventQueue(int capacity, IClock clock, IWallClock wallClock)
        {
            if (capacity < 1)
            {
                capacity = 1;
            }

            _slots = new BoxEvent[capacity];
            for (int i = 0; i < capacity; i++)
            {
                _slots[i] = new BoxEvent();
            }

            _emittedAtMs = new long[capacity];
            _dated = new bool[capacity];
            _clock = clock;
            _wallClock = wallClock;
        }

        public int Capacity
        {
            get { return _slots.Length; }
        }

        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _count;
                }
            }
        }

        /// <summary>Events overwritten before anyone took them.</summary>
        public int Overflows { get; private set; }

        /// <summary>The position attached to events emitted from now on (the facade sets it every cycle).</summary>
        public void SetPosition(bool known, int latitudeE7, int longitudeE7)
        {
            lock (_gate)
            {
                _hasPosition = known;
                _latitudeE7 = latitudeE7;
                _longitudeE7 = longitudeE7;
            }
        }

        /// <summary>Adds an event that happened at monotonic time <paramref name="atMs"/>.</summary>
        public void Emit(BoxEventType type, long atMs, long value, string? detail)
        {
            lock (_gate)
            {
                if (_count == _slots.Length)
                {
                    _head = (_head + 1) % _slots.Length;
                    _count--;
                    Overflows++;
                }

                int index = (_head + _count) % _slots.Length;
                BoxEvent slot = _slots[index];
                slot.Type = type;
                slot.HasPosition = _hasPosition;
                slot.LatitudeE7 = _hasPosition ? _latitudeE7 : 0;
                slot.LongitudeE7 = _hasPosition ? _longitudeE7 : 0;
                slot.Value = value;
                slot.Detail = detail;
                slot.UnixMilliseconds = 0;
                _emittedAtMs[index] = atMs;
                _dated[index] = false;
                Date(index);
                _count++;
            }
        }

        /// <summary>
        /// Copies the oldest event into <paramref name="into"/> and removes it. False when the queue
        /// is empty, or while the wall clock is unknown (the event waits for its date).
        /// </summary>
        public bool TryDequeue(BoxEvent into)
        {
            lock (_gate)
            {
                if (_count == 0 || !Date(_head))
                {
                    return false;
                }

                into.CopyFrom(_slots[_head]);
                _slots[_head].Detail = null;
                _head = (_head + 1) % _slots.Length;
                _count--;
                return true;
            }
        }

        private bool Date(int index)
        {
            if (_dated[index])
            {
                return true;
            }

            long unixNow;
            if (!_wallClock.TryGetUnixMilliseconds(out unixNow))
            {
                return false;
            }

            _slots[index].UnixMilliseconds = unixNow - (_clock.NowMilliseconds - _emittedAtMs[index]);
            _dated[index] = true;
            return true;
        }
    }
}
