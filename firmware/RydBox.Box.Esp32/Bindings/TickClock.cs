using System;
using RydBox.Firmware.Hardware;

namespace RydBox.Box.Esp32.Bindings
{
    /// <summary>Milliseconds since boot: Environment.TickCount64 from nanoFramework.Runtime.Native.</summary>
    public sealed class TickClock : IClock
    {
        public long NowMilliseconds => Environment.TickCount64;
    }
}
