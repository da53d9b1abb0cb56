namespace RydBox.Firmware.Events
{
    /// <summary>Debounce of <see cref="GnssFixDetector"/>.</summary>
    public sealed class GnssFixOptions
    {
        /// <summary>How long without a usable fix before it counts as lost, ms. Default 30 000 (tunnels and car parks shorter than that pass unnoticed).</summary>
        public long LostAfterMs = 30000;

        /// <summary>How long a usable fix must last before it counts as regained, ms. Default 5 000.</summary>
        public long RegainedAfterMs = 5000;
    }
}
