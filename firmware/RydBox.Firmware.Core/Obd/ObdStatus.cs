namespace RydBox.Firmware.Obd
{
    /// <summary>How a request to the vehicle ended, whichever path (ELM327 or direct CAN) carried it.</summary>
    public enum ObdStatus
    {
        /// <summary>At least one ECU answered.</summary>
        Ok,
        /// <summary>The bus is up but no ECU answered this request (ELM327 "NO DATA").</summary>
        NoData,
        /// <summary>The adapter or bus did not answer within the time allowed.</summary>
        Timeout,
        /// <summary>No OBD protocol could be established ("UNABLE TO CONNECT", ignition off).</summary>
        UnableToConnect,
        /// <summary>Bus-level failure ("CAN ERROR", "BUS INIT: ...ERROR", "BUS ERROR", "FB ERROR").</summary>
        BusError,
        /// <summary>The adapter stopped the request because a character arrived ("STOPPED").</summary>
        Stopped,
        /// <summary>The adapter's buffer overflowed ("BUFFER FULL"); the answer is incomplete.</summary>
        BufferFull,
        /// <summary>The adapter did not understand the command ("?").</summary>
        Rejected,
        /// <summary>The answer could not be parsed (garbage, partial lines, broken ISO-TP sequence).</summary>
        Garbled,
        /// <summary>The link to the adapter or bus is closed or broken.</summary>
        Disconnected
    }
}
