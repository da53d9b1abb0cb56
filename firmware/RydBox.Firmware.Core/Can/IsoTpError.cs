namespace RydBox.Firmware.Can
{
    /// <summary>Why an ISO-TP transfer was abandoned.</summary>
    public enum IsoTpError
    {
        None,
        /// <summary>Unknown frame kind, empty frame, or a flow control with an undefined status.</summary>
        BadPci,
        /// <summary>A length that cannot be right: SF of 0 or more than its frame holds, FF under 8, a short CF.</summary>
        BadLength,
        /// <summary>A consecutive frame arrived with no transfer under way.</summary>
        UnexpectedConsecutiveFrame,
        /// <summary>A consecutive frame was lost, repeated or reordered.</summary>
        WrongSequence,
        /// <summary>N_Cr (receiver) or N_Bs (sender) ran out.</summary>
        Timeout,
        /// <summary>The receiver answered flow control Overflow: the message is too long for it.</summary>
        Overflow,
        /// <summary>The receiver sent more flow control Wait frames than allowed.</summary>
        TooManyWaits,
        /// <summary>The payload to send was empty or longer than 4095 bytes.</summary>
        PayloadLength
    }
}
