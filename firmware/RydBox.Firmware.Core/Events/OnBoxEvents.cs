using RydBox.Firmware.Gnss;

namespace RydBox.Firmware.Events
{
    /// <summary>
    /// The on-box event detectors behind one call: <see cref="Process"/> feeds each detector from a
    /// cycle's inputs, ignition first since the others depend on it, and their events land in
    /// <see cref="Queue"/> stamped with the cycle's position.
    /// </summary>
    public sealed class OnBoxEvents
    {
        public OnBoxEvents(BoxEventQueue queue, BoxEventOptions options)
        {
            Queue = queue;
            Ignition = new IgnitionDetector(options.Ignition, queue);
            Tow = new TowDetector(options.Tow, queue);
            Dtcs = new DtcChangeDetector(options.DtcCapacity, options.ReportDtcsAtFirstRead, queue);
            LowBattery = new LowBatteryDetector(options.LowBattery, queue);
            PowerLoss = new PowerLossDetector(options.PowerLoss, queue);
            GnssFix = new GnssFixDetector(options.GnssFix, queue);
        }

        public BoxEventQueue Queue { get; }

        public IgnitionDetector Ignition { get; }

        public TowDetector Tow { get; }

        public DtcChangeDetector Dtcs { get; }

        public LowBatteryDetector LowBattery { get; }

        public PowerLossDetector PowerLoss { get; }

        public GnssFixDetector GnssFix { get; }

        /// <summary>
        /// An urgent change is seen but not yet confirmed (ignition, towing, power loss): sample again
        /// soon. Low battery and GNSS fix changes are not urgent; they confirm at the normal rate.
        /// </summary>
        public bool IsConfirming
        {
            get { return Ignition.IsConfirming || Tow.IsConfirming || PowerLoss.IsConfirming; }
        }

        public void Process(EventInputs inputs)
        {
            GnssFix? fix = inputs.Fix;
            if (fix != null && GnssUsability.HasPosition(fix))
            {
                Queue.SetPosition(true, fix.LatitudeE7, fix.LongitudeE7);
            }
            else
            {
                Queue.SetPosition(false, 0, 0);
            }

            long now = inputs.NowMs;
            Ignition.Update(now, inputs.ObdAsked, inputs.ObdAnswered, inputs.HasRpm, inputs.Rpm, inputs.HasSupplyVoltage, inputs.SupplyMillivolts);
            bool ignitionOn = Ignition.IsOn;
            PowerLoss.Update(now, inputs.HasSupplyVoltage, inputs.SupplyMillivolts);
            LowBattery.Update(now, ignitionOn, inputs.HasSupplyVoltage, inputs.SupplyMillivolts);
            Tow.Update(now, ignitionOn, fix);
            GnssFix.Update(now, fix);
            if (inputs.DtcsRead && inputs.Dtcs != null)
            {
                Dtcs.Update(now, true, inputs.Dtcs);
            }
        }

        /// <summary>Call once at start. Detail holds the reset reason the board reports ("power on", "watchdog" …).</summary>
        public void ReportReboot(long nowMs, string? resetReason)
        {
            Queue.Emit(BoxEventType.Reboot, nowMs, 0, resetReason);
        }

        /// <summary>The outbox dropped <paramref name="dropped"/> of its oldest messages because it was full.</summary>
        public void ReportOutboxDropped(long nowMs, int dropped)
        {
            Queue.Emit(BoxEventType.OutboxDropped, nowMs, dropped, null);
        }
    }
}
