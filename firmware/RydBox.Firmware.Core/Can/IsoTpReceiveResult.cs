namespace RydBox.Firmware.Can
{
    /// <summary>What one frame did to an <see cref="IsoTpReceiver"/>.</summary>
    public enum IsoTpReceiveResult
    {
        /// <summary>Not a frame for a receiver (flow control): nothing changed.</summary>
        Ignored,
        /// <summary>A consecutive frame was taken; more are due.</summary>
        Receiving,
        /// <summary>A first frame or a full block was taken: send the flow control frame now.</summary>
        SendFlowControl,
        /// <summary>The message is complete in the target response.</summary>
        Complete,
        /// <summary>The transfer was abandoned; <see cref="IsoTpReceiver.Error"/> says why.</summary>
        Failed
    }
}
