namespace RydBox.Firmware.Events
{
    /// <summary>
    /// Debounce for a condition seen at sample times: remembers since when it has been true without
    /// interruption, so a detector can ask whether it has held long enough. One false sample resets it.
    /// </summary>
    public sealed class HeldCondition
    {
        private long _since;

        /// <summary>True when the last observation was true.</summary>
        public bool IsTrue { get; private set; }

        public void Observe(bool condition, long nowMs)
        {
            if (condition && !IsTrue)
            {
                _since = nowMs;
            }

            IsTrue = condition;
        }

        /// <summary>True when the condition has been true for at least <paramref name="durationMs"/>.</summary>
        public bool HasHeld(long nowMs, long durationMs)
        {
            return IsTrue && nowMs - _since >= durationMs;
        }

        public void Reset()
        {
            IsTrue = false;
        }
    }
}
