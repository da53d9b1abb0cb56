using RydBox.Firmware.Gnss;

namespace RydBox.Firmware.Events
{
    /// <summary>
    /// GNSS fix lost/regained, debounced both ways. At start nothing is known: the first confirmed
    /// fix is taken silently, while no fix for <see cref="GnssFixOptions.LostAfterMs"/> after start
    /// is reported as lost (a missing antenna is worth telling).
    /// </summary>
    public sealed class GnssFixDetector
    {
        private readonly GnssFixOptions _options;
        private readonly BoxEventQueue _sink;
        private readonly HeldCondition _withFix = new HeldCondition();
        private readonly HeldCondition _withoutFix = new HeldCondition();
        private bool _known;

        public GnssFixDetector(GnssFixOptions options, BoxEventQueue sink)
        {
            _options = options;
            _sink = sink;
        }

        /// <summary>The confirmed state: true while the fix counts as present.</summary>
        public bool HasFix { get; private set; }

        public bool IsConfirming
        {
            get { return HasFix ? _withoutFix.IsTrue : _withFix.IsTrue; }
        }

        public void Update(long nowMs, GnssFix? fix)
        {
            bool usable = GnssUsability.HasPosition(fix);
            _withFix.Observe(usable, nowMs);
            _withoutFix.Observe(!usable, nowMs);
            if (!HasFix && _withFix.HasHeld(nowMs, _options.RegainedAfterMs))
            {
                HasFix = true;
                if (_known)
                {
                    _sink.Emit(BoxEventType.GnssFixRegained, nowMs, 0, null);
                }

                _known = true;
            }
            else if ((HasFix || !_known) && _withoutFix.HasHeld(nowMs, _options.LostAfterMs))
            {
                HasFix = false;
                _known = true;
                _sink.Emit(BoxEventType.GnssFixLost, nowMs, 0, null);
            }
        }
    }
}
