namespace RydBox.Firmware.Hardware
{
    /// <summary>
    /// An accelerometer's wake-up interrupt: the vehicle moved (driven, towed, lifted) or its engine
    /// runs (vibration) above the sensor's threshold. Latched in hardware, so the box sees movement
    /// that happened while it slept; reading it is cheap and clears it.
    /// </summary>
    public interface IMotionSensor
    {
        /// <summary>True when the sensor saw motion since the last call; never throws.</summary>
        bool TakeMotion();
    }
}
