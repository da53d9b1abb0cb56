namespace RydBox.Firmware.Wire
{
    /// <summary>The CBOR major types (RFC 8949 §3.1) the wire format uses: the top three bits of a head.</summary>
    public static class CborMajorType
    {
        public const int UnsignedInteger = 0;
        public const int NegativeInteger = 1;
        public const int ByteString = 2;
        public const int TextString = 3;
        public const int Array = 4;
        public const int Map = 5;
        public const int Tag = 6;
        public const int SimpleOrFloat = 7;

        public const int False = 20;
        public const int True = 21;
        public const int Null = 22;
    }
}
