namespace RydBox.Firmware.Elm327
{
    /// <summary>
    /// Serial rates tried when looking for an adapter on a UART, most likely first: 38400 is the
    /// ELM327 default, 9600 the old default and common on clones, the rest are set by users or
    /// used by STN chips.
    /// </summary>
    public static class Elm327BaudRates
    {
        public static readonly int[] Candidates = { 38400, 9600, 115200, 57600, 230400, 500000 };

        /// <summary>Time for a prompt after a lone CR, which also ends any half-received command.</summary>
        public const int WakeTimeoutMs = 200;

        /// <summary>Time for the ATI answer.</summary>
        public const int ProbeTimeoutMs = 500;
    }
}
