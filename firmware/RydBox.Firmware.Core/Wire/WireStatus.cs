namespace RydBox.Firmware.Wire
{
    /// <summary>
    /// Outcome of reading a payload on the box; the numbers match the contract's WireError, so a
    /// reason means the same on both sides.
    /// </summary>
    public enum WireStatus
    {
        Ok = 0,
        Malformed = 1,
        Truncated = 2,
        Oversized = 3,
        UnsupportedVersion = 4,
        MissingField = 5,
        InvalidValue = 6,
    }
}
