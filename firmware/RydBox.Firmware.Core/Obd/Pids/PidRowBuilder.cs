namespace RydBox.Firmware.Obd.Pids
{
    /// <summary>
    /// Shorthands that keep the PID row files readable as a table: each helper names one of the
    /// scalings J1979 uses over and over. Only called while the table is built.
    /// </summary>
    internal static class PidRowBuilder
    {
        private const double PercentOf255 = 100.0 / 255;
        private const double PercentOf128 = 100.0 / 128;
        private const double TwoOver65536 = 2.0 / 65536;

        public static PidDefinition Row(int pid, string description, int byteCount, params PidSignal[] signals)
        {
            return new PidDefinition((byte)pid, description, byteCount, signals);
        }

        /// <summary>A "PIDs supported" bitmap: four bytes, one bit per following PID.</summary>
        public static PidDefinition Bitmap(int pid, string description)
        {
            return new PidDefinition((byte)pid, description, 4, null);
        }

        public static PidSignal Unsigned(string name, string unit, int at, int length, double scale, double add)
        {
            return new PidSignal(name, unit, new LinearDecoder(at, length, false, scale, add));
        }

        public static PidSignal Signed(string name, string unit, int at, int length, double scale, double add)
        {
            return new PidSignal(name, unit, new LinearDecoder(at, length, true, scale, add));
        }

        /// <summary>A bitfield or enum, reported as the unsigned value of its bytes.</summary>
        public static PidSignal Raw(string name, int at, int length)
        {
            return Unsigned(name, "bits", at, length, 1, 0);
        }

        public static PidSignal BitField(string name, string unit, int at, int lowestBit, int bitCount)
        {
            return new PidSignal(name, unit, new BitFieldDecoder(at, lowestBit, bitCount));
        }

        /// <summary>100/255 × A: 0 to 100 %.</summary>
        public static PidSignal Percent(string name, int at)
        {
            return Unsigned(name, "%", at, 1, PercentOf255, 0);
        }

        /// <summary>100/128 × A − 100: −100 to 99.2 % (fuel trims, EGR error).</summary>
        public static PidSignal Trim(string name, int at)
        {
            return Unsigned(name, "%", at, 1, PercentOf128, -100);
        }

        /// <summary>A − 40: −40 to 215 °C.</summary>
        public static PidSignal Temperature(string name, int at)
        {
            return Unsigned(name, "°C", at, 1, 1, -40);
        }

        /// <summary>(256A + B) / 10 − 40: −40 to 6513.5 °C (catalyst, exhaust gas, DPF).</summary>
        public static PidSignal HighTemperature(string name, int at)
        {
            return Unsigned(name, "°C", at, 2, 0.1, -40);
        }

        /// <summary>A − 125: −125 to 130 % of reference torque.</summary>
        public static PidSignal TorquePercent(string name, int at)
        {
            return Unsigned(name, "%", at, 1, 1, -125);
        }

        /// <summary>2/65536 × (256A + B): equivalence ratio (lambda), 0 to just under 2.</summary>
        public static PidSignal Lambda(string name, int at)
        {
            return Unsigned(name, "ratio", at, 2, TwoOver65536, 0);
        }
    }
}
