namespace RydBox.Firmware.Elm327
{
    /// <summary>
    /// The explicit protocols tried when the adapter's automatic search (ATSP0) finds nothing, in
    /// order, each with the time one "0100" attempt may take. CAN first (nearly every car since
    /// 2008), then K-line, whose 5-baud wake-up alone takes about 3 s, then J1850.
    /// </summary>
    public static class Elm327ProtocolSearch
    {
        /// <summary>The automatic search may try every protocol in turn.</summary>
        public const int AutomaticTimeoutMs = 20000;

        public static readonly int[] Protocols = { 6, 8, 7, 9, 3, 4, 5, 1, 2 };

        public static readonly int[] TimeoutsMs = { 3000, 3000, 3000, 3000, 8000, 8000, 5000, 3000, 3000 };
    }
}
