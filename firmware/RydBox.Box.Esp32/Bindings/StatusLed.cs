using System.Device.Gpio;
using System.Threading;

namespace RydBox.Box.Esp32.Bindings
{
    /// <summary>The one light a box has (package nanoFramework.System.Device.Gpio): on while running, blinking on a fault.</summary>
    public sealed class StatusLed
    {
        private readonly GpioController _gpio = new GpioController();
        private readonly int _pin;

        public StatusLed(int pin)
        {
            _pin = pin;
            _gpio.OpenPin(pin, PinMode.Output);
            _gpio.Write(pin, PinValue.Low);
        }

        public void On()
        {
            _gpio.Write(_pin, PinValue.High);
        }

        /// <summary>Blinks for ever: the box cannot run and someone has to look at its debug output.</summary>
        public void BlinkFault()
        {
            while (true)
            {
                _gpio.Write(_pin, PinValue.High);
                Thread.Sleep(150);
                _gpio.Write(_pin, PinValue.Low);
                Thread.Sleep(850);
            }
        }
    }
}
