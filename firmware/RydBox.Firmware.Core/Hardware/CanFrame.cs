namespace RydBox.Firmware.Hardware
{
    /// <summary>One classic CAN frame. Reused between calls so that polling allocates nothing.</summary>
    public sealed class CanFrame
    {
        public const int MaxDataLength = 8;

        /// <summary>11-bit or 29-bit identifier.</summary>
        public uint Id;

        /// <summary>True for a 29-bit (extended) identifier.</summary>
        public bool IsExtended;

        /// <summary>Data length code, 0 to 8.</summary>
        public int Length;

        public readonly byte[] Data = new byte[MaxDataLength];

        public void CopyFrom(CanFrame other)
        {
            Id = other.Id;
            IsExtended = other.IsExtended;
            Length = other.Length;
            for (int i = 0; i < MaxDataLength; i++)
            {
                Data[i] = other.Data[i];
            }
        }
    }
}
