using System;
using RydBox.Firmware.Hardware;

namespace RydBox.Box.Esp32.Bindings
{
    /// <summary>
    /// Calendar time from the system clock, which SNTP sets once Wi-Fi is up (see NetworkTime).
    /// Before that the ESP32 counts from 1970 after every reset, so any date before this firmware
    /// was written means "not set yet".
    /// </summary>
    public sealed class SystemWallClock : IWallClock
    {
        private static readonly DateTime EarliestPlausible = new DateTime(2025, 1, 1);

        public bool TryGetUnixMilliseconds(out long unixMilliseconds)
        {
            DateTime now = DateTime.UtcNow;
            if (now < EarliestPlausible)
            {
                unixMilliseconds = 0;
                return false;
            }

            unixMilliseconds = (now.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;
            return true;
        }
    }
}
