namespace RydBox.Firmware.Wire
{
    /// <summary>
    /// The integer map keys of wire format v1 (see RydBox.Contract/WIRE-FORMAT.md). Small integers
    /// because each costs one byte; never renumber a key, add new ones instead.
    /// </summary>
    public static class WireKeys
    {
        /// <summary>Every payload starts with its version under this key.</summary>
        public const int Version = 0;

        /// <summary>Per-device sequence number of batches and events.</summary>
        public const int Sequence = 1;

        /// <summary>The format version this core writes.</summary>
        public const int CurrentVersion = 1;
    }

    public static class TelemetryKeys
    {
        /// <summary>Unix milliseconds of the first row.</summary>
        public const int BaseTime = 2;

        /// <summary>Array: second row time minus the first, then each later step minus the step before.</summary>
        public const int TimeSteps = 3;

        /// <summary>Array of column groups: [rows, column...], a column being [signal, residual...].</summary>
        public const int Groups = 4;
    }

    public static class EventKeys
    {
        public const int Type = 2;
        public const int Time = 3;
        public const int LatitudeE7 = 4;
        public const int LongitudeE7 = 5;
        public const int Value = 6;
        public const int Detail = 7;
    }

    public static class StatusKeys
    {
        public const int Online = 1;
        public const int FirmwareVersion = 2;
        public const int Time = 3;
        public const int Vin = 4;
        public const int Protocol = 5;
        public const int SupportedPids = 6;
    }

    public static class CommandKeys
    {
        public const int Id = 1;
        public const int Name = 2;
        public const int Arguments = 3;
    }

    public static class AckKeys
    {
        public const int Id = 1;
        public const int Ok = 2;
        public const int Error = 3;
        public const int Result = 4;
    }
}
