namespace RydBox.Firmware.Can
{
    /// <summary>Where an <see cref="IsoTpSender"/> is in a transfer.</summary>
    public enum IsoTpSendState
    {
        Idle,
        /// <summary>A frame is due at <see cref="IsoTpSender.NextActionAt"/>.</summary>
        Sending,
        /// <summary>Waiting for the receiver's flow control until <see cref="IsoTpSender.NextActionAt"/> (N_Bs).</summary>
        WaitingForFlowControl,
        /// <summary>The last frame has been handed out.</summary>
        Done,
        /// <summary>Abandoned; <see cref="IsoTpSender.Error"/> says why.</summary>
        Failed
    }
}
