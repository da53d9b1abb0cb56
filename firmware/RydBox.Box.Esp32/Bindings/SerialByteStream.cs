using System;
using System.IO;
using System.IO.Ports;
using System.Threading;
using RydBox.Firmware.Hardware;

namespace RydBox.Box.Esp32.Bindings
{
    /// <summary>
    /// <see cref="IByteStream"/> over nanoFramework's SerialPort (package nanoFramework.System.IO.Ports).
    /// Waits on the DataReceived event rather than the port's ReadTimeout so that a read returns as
    /// soon as the first bytes are there, which is what the core's ELM327 and NMEA readers expect.
    /// </summary>
    public sealed class SerialByteStream : IByteStream, IBaudRateControl
    {
        private readonly SerialPort _port;
        private readonly AutoResetEvent _dataArrived = new AutoResetEvent(false);

        public SerialByteStream(string portName, int baudRate)
        {
            _port = new SerialPort(portName, baudRate);
            _port.ReadBufferSize = 2048;
            _port.ReadTimeout = 100;
            _port.DataReceived += OnDataReceived;
            _port.Open();
        }

        public int BaudRate
        {
            get => _port.BaudRate;
            set => _port.BaudRate = value;
        }

        public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
        {
            long deadline = Environment.TickCount64 + timeoutMilliseconds;
            try
            {
                while (true)
                {
                    int available = _port.BytesToRead;
                    if (available > 0)
                    {
                        return _port.Read(buffer, offset, available < count ? available : count);
                    }

                    long remaining = deadline - Environment.TickCount64;
                    if (remaining <= 0)
                    {
                        return 0;
                    }

                    _dataArrived.WaitOne((int)remaining, false);
                }
            }
            catch (InvalidOperationException e)
            {
                throw new IOException("serial port " + _port.PortName + " is closed: " + e.Message);
            }
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            try
            {
                _port.Write(buffer, offset, count);
            }
            catch (InvalidOperationException e)
            {
                throw new IOException("serial port " + _port.PortName + " is closed: " + e.Message);
            }
        }

        private void OnDataReceived(object sender, SerialDataReceivedEventArgs e)
        {
            _dataArrived.Set();
        }
    }
}
