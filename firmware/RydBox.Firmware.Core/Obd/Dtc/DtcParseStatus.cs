namespace RydBox.Firmware.Obd.Dtc
{
    public enum DtcParseStatus
    {
        /// <summary>All codes read (possibly none).</summary>
        Ok,

        /// <summary>Codes read, but more than the list holds; the first Capacity codes are kept.</summary>
        Overflow,

        /// <summary>No payload, a length outside the buffer, or too few bytes for the header.</summary>
        TooShort,

        /// <summary>The first byte is not 0x43, 0x47 or 0x4A.</summary>
        WrongService,

        /// <summary>The code bytes do not come in pairs.</summary>
        OddLength,

        /// <summary>CAN only: the count byte disagrees with the number of code pairs.</summary>
        CountMismatch,
    }
}
