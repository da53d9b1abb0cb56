using nanoFramework.Hardware.Esp32;

namespace RydBox.Box.Esp32.Bindings
{
    /// <summary>
    /// Why the box started, as far as nanoFramework can tell: Sleep.GetWakeupCause() from
    /// nanoFramework.Hardware.Esp32 names deep-sleep wake-ups; the ESP32's own reset causes
    /// (brownout, watchdog, panic) have no managed API, so those all read "power-on-or-reset".
    /// </summary>
    public static class BootCause
    {
        public static string Describe()
        {
            switch (Sleep.GetWakeupCause())
            {
                case Sleep.WakeupCause.Undefined:
                    return "power-on-or-reset";
                case Sleep.WakeupCause.Timer:
                    return "wake-timer";
                case Sleep.WakeupCause.Ext0:
                case Sleep.WakeupCause.Ext1:
                    return "wake-pin";
                default:
                    return "wake-other";
            }
        }
    }
}
