using RydBox.Firmware.Obd.Pids;

namespace RydBox.Firmware.Obd.Services
{
    /// <summary>Walks a mode 01 answer that may carry several PIDs: 41 pid data… pid data….</summary>
    public static class Mode01Response
    {
        public const byte ServiceRequest = 0x01;
        public const byte ServiceResponse = 0x41;

        /// <summary>
        /// Decodes every PID in <paramref name="response"/> into <paramref name="readings"/>.
        /// Returns false when the answer is not a mode 01 answer or stops inside a PID, or names a
        /// PID whose length is unknown (everything after it is unreadable); values read before the
        /// fault are kept.
        /// </summary>
        public static bool Decode(EcuResponse response, PidReadings readings)
        {
            byte[] data = response.Data;
            int length = response.Length;
            if (length < 2 || data[0] != ServiceResponse)
            {
                return false;
            }

            int position = 1;
            while (position < length)
            {
                byte pid = data[position];
                PidDefinition? definition = PidTable.Find(pid);
                if (definition == null || position + 1 + definition.ByteCount > length)
                {
                    return false;
                }

                int valueOffset = position + 1;
                PidSignal[] signals = definition.Signals;
                for (int s = 0; s < signals.Length; s++)
                {
                    readings.Add(response.EcuId, pid, signals[s], signals[s].DecodeRaw(data, valueOffset));
                }

                position = valueOffset + definition.ByteCount;
            }

            return true;
        }
    }
}
