using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using RydBox.Box.Esp32.Bindings;
using RydBox.Firmware.Box;
using RydBox.Firmware.Provisioning;

namespace RydBox.Box.Esp32
{
    /// <summary>
    /// Boot: provisioning from flash, Wi-Fi and network time, the devices on their pins, then the
    /// box runtime from the firmware core on two threads (sampling and uplink).
    /// </summary>
    public static class Program
    {
        public const string FirmwareVersion = "0.1.0";

        public static void Main()
        {
            var led = new StatusLed(PinMap.StatusLed);
            ProvisioningResult? provisioning = ProvisioningFile.Read();
            if (provisioning == null || !provisioning.IsValid)
            {
                led.BlinkFault();
                return;
            }

            ProvisionedSettings settings = provisioning.Settings;
            X509Certificate? caCertificate = null;
            if (settings.UseTls)
            {
                byte[]? certificate = ProvisioningFile.ReadCertificate(settings.CaCertificateFile);
                if (certificate == null)
                {
                    Debug.WriteLine("Provisioning: ca_certificate '" + settings.CaCertificateFile + "' is not on I:\\ (or is larger than 8 KB)");
                    led.BlinkFault();
                    return;
                }

                caCertificate = new X509Certificate(certificate);
            }

            NetworkJoin.JoinOrRestart(settings.WifiSsid, settings.WifiPassword);
            var wallClock = new SystemWallClock();
            NetworkJoin.StartNetworkTime(wallClock);

            PinFunctions.AssignUarts();
            var devices = new BoxDevices
            {
                Elm327 = settings.Obd == ObdInterface.Elm327 ? new SerialByteStream(PinFunctions.Elm327Port, InitialElm327Rate(settings)) : null,
                Gnss = new SerialByteStream(PinFunctions.GnssPort, settings.GnssBaudRate),
                SupplyVoltage = new AdcSupplyVoltage(PinMap.SupplyVoltageAdc),
                Store = new FlashKeyValueStore(),
                Mqtt = new M2MqttLink(settings.BrokerHost, settings.BrokerPort, caCertificate),
                Clock = new TickClock(),
                WallClock = wallClock,
                ResetReason = BootCause.Describe(),
                FirmwareVersion = FirmwareVersion,
            };

            if (settings.Obd == ObdInterface.Can)
            {
                // The MCP2515 pins are wired (PinMap) but nanoFramework has no finished driver for it
                // nor for the ESP32's TWAI controller: such a box runs GNSS and uplink only.
                Debug.WriteLine("OBD: obd_interface = can has no driver on the ESP32 yet; running without vehicle data");
            }

            var runtime = new BoxRuntime(devices, settings);
            new Thread(runtime.RunSampling).Start();
            new Thread(runtime.RunUplink).Start();
            led.On();
            Thread.Sleep(Timeout.Infinite);
        }

        /// <summary>The configured rate, or the ELM327's factory default until the runtime detects the real one.</summary>
        private static int InitialElm327Rate(ProvisionedSettings settings)
        {
            return settings.Elm327BaudRate != 0 ? settings.Elm327BaudRate : 38400;
        }
    }
}
