using System;
using System.Device.Adc;
using RydBox.Firmware.Hardware;

namespace RydBox.Box.Esp32.Bindings
{
    /// <summary>
    /// Vehicle supply voltage from a resistor divider on an ADC1 pin (package
    /// nanoFramework.System.Device.Adc). The scale is nominal: measure the battery with a meter
    /// once and adjust <see cref="FullScaleMillivolts"/> for the board's ADC.
    /// </summary>
    public sealed class AdcSupplyVoltage : ISupplyVoltage
    {
        /// <summary>
        /// Divider in hardware-docs/wiring.md: 1 MOhm to the supply, 150 kOhm to ground (about 11 uA
        /// from the battery while parked), with 100 nF across the lower resistor to feed the ADC's sampling.
        /// </summary>
        private const int DividerTopOhms = 1000000;
        private const int DividerBottomOhms = 150000;
        private const int FullScaleMillivolts = 3300;
        private const int SamplesPerReading = 8;

        /// <summary>ESP32 ADC1 channel of GPIO 32 + index for GPIO 32..39 (ESP32 datasheet, ADC1_CH0 is GPIO 36).</summary>
        private static readonly int[] Adc1ChannelOfGpio32Plus = { 4, 5, 6, 7, 0, 1, 2, 3 };

        private readonly AdcController _controller = new AdcController();
        private readonly AdcChannel _channel;

        public AdcSupplyVoltage(int gpio)
        {
            _channel = _controller.OpenChannel(Adc1ChannelOfGpio32Plus[gpio - 32]);
        }

        public bool TryReadMillivolts(out int millivolts)
        {
            millivolts = 0;
            try
            {
                long sum = 0;
                for (int i = 0; i < SamplesPerReading; i++)
                {
                    sum += _channel.ReadValue();
                }

                int max = _controller.MaxValue;
                if (max <= 0)
                {
                    return false;
                }

                long atPin = sum * FullScaleMillivolts / SamplesPerReading / max;
                millivolts = (int)(atPin * (DividerTopOhms + DividerBottomOhms) / DividerBottomOhms);
                return true;
            }
            catch (Exception)
            {
                return false;
            }
        }
    }
}
