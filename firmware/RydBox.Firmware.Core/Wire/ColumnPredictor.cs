namespace RydBox.Firmware.Wire
{
    /// <summary>
    /// How a telemetry column's values are turned into small residuals. Each column is coded with
    /// whichever predictor gives fewer bytes; the choice travels in the column head, so a decoder
    /// needs no per-signal table. Arithmetic wraps at 64 bits on both sides, so every long round-trips.
    /// </summary>
    public static class ColumnPredictor
    {
        /// <summary>Predicts the previous value (0 before the first): residuals are plain deltas.</summary>
        public const int Previous = 0;

        /// <summary>Predicts 2·v[i-1] − v[i-2] (the line through the last two values): suits ramps and tracks.</summary>
        public const int Linear = 1;

        /// <summary>The prediction for the value at <paramref name="index"/> given the two values before it.</summary>
        public static long Predict(int predictor, int index, long previous, long beforePrevious)
        {
            if (index == 0)
            {
                return 0;
            }

            if (predictor == Previous || index == 1)
            {
                return previous;
            }

            return unchecked(2 * previous - beforePrevious);
        }
    }
}
