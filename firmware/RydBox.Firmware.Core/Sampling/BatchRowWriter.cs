using RydBox.Firmware.Events;
using RydBox.Firmware.Gnss;
using RydBox.Firmware.Obd.Pids;
using RydBox.Firmware.Obd.Services;
using RydBox.Firmware.Wire;

namespace RydBox.Firmware.Sampling
{
    /// <summary>Puts one cycle's values into the open row of a <see cref="TelemetryBatch"/>, as the wire carries them.</summary>
    public static class BatchRowWriter
    {
        /// <summary>
        /// Every decoded value as its raw integer under <see cref="SignalIds.ForPid"/>. When several
        /// ECUs answer the same PID, the first answer read is kept (the engine ECU answers first on
        /// almost every car).
        /// </summary>
        public static void WriteReadings(TelemetryBatch batch, PidReadings readings)
        {
            int row = batch.RowCount - 1;
            for (int i = 0; i < readings.Count; i++)
            {
                byte pid = readings.PidAt(i);
                int index = IndexInRow(pid, readings.SignalAt(i));
                if (index < 0)
                {
                    continue;
                }

                int signalId = SignalIds.ForPid(pid, index);
                int column = batch.ColumnOf(signalId);
                if (column < 0 || !batch.Has(column, row))
                {
                    batch.Set(signalId, readings.RawValueAt(i));
                }
            }
        }

        /// <summary>The fix in fixed point, only when it is a usable fix, each value only when stated.</summary>
        public static void WriteFix(TelemetryBatch batch, GnssFix? fix)
        {
            if (fix == null || !GnssUsability.HasPosition(fix))
            {
                return;
            }

            batch.Set(SignalIds.Latitude, fix.LatitudeE7);
            batch.Set(SignalIds.Longitude, fix.LongitudeE7);
            if (fix.Has(GnssFields.Speed))
            {
                batch.Set(SignalIds.GnssSpeed, TenthOf(fix.SpeedKmhX100));
            }

            if (fix.Has(GnssFields.Course))
            {
                batch.Set(SignalIds.Course, TenthOf(fix.CourseDegX100) % 3600);
            }

            if (fix.Has(GnssFields.Altitude))
            {
                batch.Set(SignalIds.Altitude, TenthOf(fix.AltitudeCm));
            }

            if (fix.Has(GnssFields.Hdop))
            {
                batch.Set(SignalIds.Hdop, fix.HdopX100);
            }

            if (fix.Has(GnssFields.Satellites))
            {
                batch.Set(SignalIds.SatellitesUsed, fix.SatellitesUsed);
            }
        }

        /// <summary>Position of <paramref name="signal"/> in its PID row, as the signal id numbers it; -1 if not there.</summary>
        private static int IndexInRow(byte pid, PidSignal signal)
        {
            PidDefinition? definition = PidTable.Find(pid);
            if (definition == null)
            {
                return -1;
            }

            PidSignal[] signals = definition.Signals;
            for (int s = 0; s < signals.Length && s < SignalIds.SignalsPerPid; s++)
            {
                if (signals[s] == signal)
                {
                    return s;
                }
            }

            return -1;
        }
    
        /// <summary>Rounds to the nearest tenth, halves away from zero: the wire's coarser GNSS units.</summary>
        private static int TenthOf(int value)
        {
            return value >= 0 ? (value + 5) / 10 : (value - 5) / 10;
        }
    }

}
