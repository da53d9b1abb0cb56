namespace RydBox.Firmware.Events
{
    /// <summary>
    /// One on-box event, as detectors produce it and the wire encoder sends it. The meaning of
    /// <see cref="Value"/> and <see cref="Detail"/> depends on <see cref="Type"/>.
    /// </summary>
    public sealed class BoxEvent
    {
        public BoxEventType Type;

        public long UnixMilliseconds;

        /// <summary>False when no GNSS fix was known at the time.</summary>
        public bool HasPosition;
        public int LatitudeE7;
        public int LongitudeE7;

        public long Value;

        public string? Detail;

        public void CopyFrom(BoxEvent other)
        {
            Type = other.Type;
            UnixMilliseconds = other.UnixMilliseconds;
            HasPosition = other.HasPosition;
            LatitudeE7 = other.LatitudeE7;
            LongitudeE7 = other.LongitudeE7;
            Value = other.Value;
            Detail = other.Detail;
        }
    }
}
