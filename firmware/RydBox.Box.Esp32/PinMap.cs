namespace RydBox.Box.Esp32
{
    /// <summary>
    /// Every ESP32 GPIO the box uses, in one place. hardware-docs/wiring.md shows the same numbers
    /// and a test (PinTableAgreementTests) keeps the two in step, so change both together.
    /// Chosen for an ESP32-WROOM-32E: GPIO 6-11 hold the module's flash, GPIO 1/3 are UART0 (the
    /// nanoFramework debug and deployment link), and the strapping pins 0, 2, 12 and 15 are left
    /// alone because a wrong level there at reset stops the ESP32 from booting.
    /// </summary>
    public static class PinMap
    {
        // ELM327 / STN chip on COM2 (ESP32 UART1). TX is the ESP32's output, wired to the chip's RX.
        public const int Elm327Tx = 17;
        public const int Elm327Rx = 16;

        // GNSS receiver on COM3 (ESP32 UART2); NMEA comes in on RX.
        public const int GnssTx = 27;
        public const int GnssRx = 26;

        // MCP2515 CAN controller on SPI1 (ESP32 VSPI pins), for boxes built for direct CAN.
        // nanoFramework has no driver for the ESP32's own CAN controller (TWAI), hence SPI.
        public const int CanSpiMosi = 23;
        public const int CanSpiMiso = 19;
        public const int CanSpiClock = 18;
        public const int CanChipSelect = 5;
        public const int CanInterrupt = 4;

        // Status LED, active high through a resistor.
        public const int StatusLed = 25;

        // Battery voltage through a divider; GPIO 34 is ADC1 channel 6 (ADC2 cannot be read while Wi-Fi runs).
        public const int SupplyVoltageAdc = 34;

        // Optional accelerometer (LIS3DH / ADXL345) on I2C1; INT1 on an RTC GPIO so motion can wake the box.
        public const int AccelSda = 21;
        public const int AccelScl = 22;
        public const int AccelInterrupt = 33;
    }
}
