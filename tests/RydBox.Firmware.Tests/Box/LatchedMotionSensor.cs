using RydBox.Firmware.Hardware;

namespace RydBox.Firmware.Tests.Box;

/// <summary>An accelerometer's wake-up latch that the test sets: taking it clears it, unless the motion goes on.</summary>
public sealed class LatchedMotionSensor : IMotionSensor
{
    /// <summary>Set by the test as the vehicle moves; cleared by the next take.</summary>
    public bool Latched { get; set; }

    /// <summary>The vehicle keeps moving (a tow, an engine running): every take finds the latch set again.</summary>
    public bool Continuous { get; set; }

    public int Takes { get; private set; }

    public bool TakeMotion()
    {
        Takes++;
        bool latched = Latched || Continuous;
        Latched = false;
        return latched;
    }
}
