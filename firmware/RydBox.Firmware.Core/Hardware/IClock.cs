namespace RydBox.Firmware.Hardware
{
    /// <summary>Monotonic time for deadlines; virtual in tests and the simulator.</summary>
    public interface IClock
    {
        /// <summary>Milliseconds since an arbitrary start; never goes backwards.</summary>
        long NowMilliseconds { get; }
    }
}
