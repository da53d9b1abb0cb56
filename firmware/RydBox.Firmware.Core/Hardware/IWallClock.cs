namespace RydBox.Firmware.Hardware
{
    /// <summary>
    /// Calendar time for timestamps on the wire. Separate from <see cref="IClock"/> because a box
    /// may boot without knowing the date (no network time, no GNSS fix yet).
    /// </summary>
    public interface IWallClock
    {
        /// <summary>False until the time has been set (network time, GNSS, or the host's clock).</summary>
        bool TryGetUnixMilliseconds(out long unixMilliseconds);
    }
}
