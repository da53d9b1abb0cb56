using System;

namespace RydBox.Firmware.Session
{
    /// <summary>
    /// Waits between connection attempts: exponential growth with "decorrelated jitter" (each wait is
    /// drawn between the initial delay and three times the previous wait, capped), so a fleet of
    /// boxes that lost the broker together does not hammer it in lockstep when it returns.
    /// </summary>
    public sealed class ReconnectBackoff
    {
        private readonly int _initial;
        private readonly int _max;
        private readonly Random _random;
        private int _previous;

        public ReconnectBackoff(int initialMilliseconds, int maxMilliseconds, Random random)
        {
            if (initialMilliseconds < 1 || maxMilliseconds < initialMilliseconds)
            {
                throw new ArgumentOutOfRangeException("initialMilliseconds");
            }

            _initial = initialMilliseconds;
            _max = maxMilliseconds;
            _random = random;
            _previous = initialMilliseconds;
        }

        /// <summary>The wait before the next attempt, in [initial, max].</summary>
        public int NextDelay()
        {
            long upper = (long)_previous * 3;
            if (upper > _max)
            {
                upper = _max;
            }

            int delay = _initial + _random.Next((int)upper - _initial + 1);
            _previous = delay;
            return delay;
        }

        /// <summary>After a connection that worked: the next outage starts with short waits again.</summary>
        public void Reset()
        {
            _previous = _initial;
        }
    }
}
