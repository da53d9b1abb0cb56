using nanoFramework.Hardware.Esp32;

namespace RydBox.Box.Esp32
{
    /// <summary>
    /// Routes the ESP32's UARTs to the pins of <see cref="PinMap"/>. nanoFramework requires this
    /// before a SerialPort on that COM port is created.
    /// </summary>
    internal static class PinFunctions
    {
        public const string Elm327Port = "COM2";
        public const string GnssPort = "COM3";

        public static void AssignUarts()
        {
            Configuration.SetPinFunction(PinMap.Elm327Tx, DeviceFunction.COM2_TX);
            Configuration.SetPinFunction(PinMap.Elm327Rx, DeviceFunction.COM2_RX);
            Configuration.SetPinFunction(PinMap.GnssTx, DeviceFunction.COM3_TX);
            Configuration.SetPinFunction(PinMap.GnssRx, DeviceFunction.COM3_RX);
        }
    }
}
