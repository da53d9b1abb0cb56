using System;
using System.Device.Wifi;
using System.Diagnostics;
using System.Threading;
using nanoFramework.Networking;
using nanoFramework.Runtime.Native;

namespace RydBox.Box.Esp32.Bindings
{
    /// <summary>
    /// Joins Wi-Fi with WifiNetworkHelper (package nanoFramework.System.Device.Wifi) and sets the
    /// clock by SNTP (package nanoFramework.Networking.Sntp). The ESP32 reconnects by itself after
    /// a drop (WifiReconnectionKind.Automatic); a box that cannot join at boot restarts and tries
    /// again rather than running without an uplink.
    /// </summary>
    public static class NetworkJoin
    {
        private const int JoinTimeoutMs = 60000;
        private const int RetryAfterMs = 30000;
        private const int TimeSyncWaitMs = 30000;

        public static void JoinOrRestart(string ssid, string password)
        {
            CancellationTokenSource timeout = new CancellationTokenSource(JoinTimeoutMs);
            bool joined = WifiNetworkHelper.ConnectDhcp(ssid, password, WifiReconnectionKind.Automatic, false, 0, timeout.Token);
            if (joined)
            {
                return;
            }

            Debug.WriteLine("Wi-Fi: could not join '" + ssid + "' (" + WifiNetworkHelper.Status.ToString() + "); restarting in " + (RetryAfterMs / 1000).ToString() + " s");
            Thread.Sleep(RetryAfterMs);
            Power.RebootDevice();
        }

        /// <summary>
        /// Starts SNTP and waits a while for the first answer. Going on without it is fine: the wall
        /// clock reports "not set" until SNTP succeeds, and TLS connects are retried by the runtime.
        /// </summary>
        public static void StartNetworkTime(SystemWallClock wallClock)
        {
            Sntp.Start();
            Sntp.UpdateNow();
            long deadline = Environment.TickCount64 + TimeSyncWaitMs;
            while (!wallClock.TryGetUnixMilliseconds(out _) && Environment.TickCount64 < deadline)
            {
                Thread.Sleep(500);
            }
        }
    }
}
