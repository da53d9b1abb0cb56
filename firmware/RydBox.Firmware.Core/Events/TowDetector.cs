using RydBox.Firmware.Gnss;

namespace RydBox.Firmware.Events
{
    /// <summary>
    /// Tow alarm: with ignition off, the first precise fix becomes the parked position. The alarm
    /// starts when the GNSS speed stays at a moving level, or the vehicle stays outside a radius
    /// around the parked position that grows with both fixes' HDOP, each for a while; it ends after
    /// the vehicle has kept still for a while (the place it stopped becomes the new parked position)
    /// or when ignition comes on. One start and one end per episode.
    /// Events: TowAlarmStarted/TowAlarmEnded, Value the distance from the parked position in metres,
    /// Detail the evidence.
    /// </summary>
    public sealed class TowDetector
    {
        public const string BySpeed = "speed";
        public const string ByDisplacement = "displacement";
        public const string EndedStill = "still";
        public const string EndedIgnitionOn = "ignition on";

        private readonly TowOptions _options;
        private readonly BoxEventQueue _sink;
        private readonly HeldCondition _fast = new HeldCondition();
        private readonly HeldCondition _displaced = new HeldCondition();
        private bool _hasParkedPosition;
        private int _parkedLatitudeE7;
        private int _parkedLongitudeE7;
        private int _parkedHdopX100;
        private int _stillLatitudeE7;
        private int _stillLongitudeE7;
        private int _stillHdopX100;
        private long _stillSinceMs;

        public TowDetector(TowOptions options, BoxEventQueue sink)
        {
            _options = options;
            _sink = sink;
        }

        public bool IsActive { get; private set; }

        /// <summary>Movement is seen but not yet confirmed; sample again soon.</summary>
        public bool IsConfirming
        {
            get { return _fast.IsTrue || _displaced.IsTrue; }
        }

        public void Update(long nowMs, bool ignitionOn, GnssFix? fix)
        {
            if (ignitionOn)
            {
                if (IsActive)
                {
                    End(nowMs, fix, EndedIgnitionOn);
                }

                _hasParkedPosition = false;
                _fast.Reset();
                _displaced.Reset();
                return;
            }

            bool precise = fix != null && GnssUsability.HasPrecisePosition(fix, _options.MaxHdopX100);
            if (fix == null || !precise)
            {
                _fast.Reset();
                _displaced.Reset();
                if (IsActive && nowMs - _stillSinceMs >= _options.EndAfterStillMs)
                {
                    // Where it stopped is unknown: the next precise fix becomes the parked position.
                    End(nowMs, fix, EndedStill);
                    _hasParkedPosition = false;
                }

                return;
            }

            if (!_hasParkedPosition)
            {
                Park(fix);
                return;
            }

            if (IsActive)
            {
                TrackEpisode(nowMs, fix);
            }
            else
            {
                WatchParked(nowMs, fix);
            }
        }

        private void WatchParked(long nowMs, GnssFix fix)
        {
            _fast.Observe(IsFast(fix), nowMs);
            _displaced.Observe(IsOutside(_parkedLatitudeE7, _parkedLongitudeE7, _parkedHdopX100, fix), nowMs);
            bool bySpeed = _fast.HasHeld(nowMs, _options.SpeedHoldMs);
            if (!bySpeed && !_displaced.HasHeld(nowMs, _options.DisplacementHoldMs))
            {
                return;
            }

            IsActive = true;
            _fast.Reset();
            _displaced.Reset();
            MarkStill(nowMs, fix);
            _sink.Emit(BoxEventType.TowAlarmStarted, nowMs, DistanceFromParked(fix), bySpeed ? BySpeed : ByDisplacement);
        }

        private void TrackEpisode(long nowMs, GnssFix fix)
        {
            if (IsFast(fix) || IsOutside(_stillLatitudeE7, _stillLongitudeE7, _stillHdopX100, fix))
            {
                MarkStill(nowMs, fix);
            }
            else if (nowMs - _stillSinceMs >= _options.EndAfterStillMs)
            {
                End(nowMs, fix, EndedStill);
                Park(fix);
            }
        }

        private void End(long nowMs, GnssFix? fix, string reason)
        {
            IsActive = false;
            long distance = fix != null && GnssUsability.HasPosition(fix) ? DistanceFromParked(fix) : 0;
            _sink.Emit(BoxEventType.TowAlarmEnded, nowMs, distance, reason);
        }

        private void Park(GnssFix fix)
        {
            _hasParkedPosition = true;
            _parkedLatitudeE7 = fix.LatitudeE7;
            _parkedLongitudeE7 = fix.LongitudeE7;
            _parkedHdopX100 = fix.HdopX100;
        }

        private void MarkStill(long nowMs, GnssFix fix)
        {
            _stillLatitudeE7 = fix.LatitudeE7;
            _stillLongitudeE7 = fix.LongitudeE7;
            _stillHdopX100 = fix.HdopX100;
            _stillSinceMs = nowMs;
        }

        private bool IsFast(GnssFix fix)
        {
            return fix.Has(GnssFields.Speed) && fix.SpeedKmhX100 >= _options.MovingSpeedKmhX100;
        }

        private bool IsOutside(int latitudeE7, int longitudeE7, int hdopX100, GnssFix fix)
        {
            double radius = _options.MinRadiusMetres;
            double fromHdop = (double)(hdopX100 + fix.HdopX100) * _options.MetresPerHdop / 100;
            if (fromHdop > radius)
            {
                radius = fromHdop;
            }

            return GeoDistance.SquaredMetres(latitudeE7, longitudeE7, fix.LatitudeE7, fix.LongitudeE7) > radius * radius;
        }

        private long DistanceFromParked(GnssFix fix)
        {
            return (long)GeoDistance.Metres(_parkedLatitudeE7, _parkedLongitudeE7, fix.LatitudeE7, fix.LongitudeE7);
        }
    }
}
