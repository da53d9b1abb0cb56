namespace RydBox.Firmware.Provisioning
{
    /// <summary>How the box reaches the vehicle's ECUs.</summary>
    public enum ObdInterface
    {
        /// <summary>An ELM327-compatible chip (ELM327, STN1110, STN2120) on a UART.</summary>
        Elm327,
        /// <summary>A CAN controller and transceiver on the OBD-II CAN pins, speaking ISO 15765-4 itself.</summary>
        Can
    }
}
