namespace RydBox.Simulator.Ecus;

/// <summary>
/// The "supported" bitmaps (00, 20, 40 … E0) worked out from what an ECU supports: bit 7 of byte A
/// stands for the bitmap PID + 1, bit 0 of byte D for + 32, which is the next bitmap and is set
/// while anything beyond it is supported. Used for mode 01 PIDs and mode 09 info types alike.
/// </summary>
internal static class SupportedPidBitmaps
{
    public const int CoveredPerBitmap = 32;

    public static bool IsBitmap(byte pid) => pid % CoveredPerBitmap == 0;

    /// <summary>The four bytes of <paramref name="bitmapPid"/>, or null when the ECU does not answer that bitmap.</summary>
    public static byte[]? For(IReadOnlyCollection<byte> supported, byte bitmapPid)
    {
        int nextBitmap = bitmapPid + CoveredPerBitmap;
        if (bitmapPid != 0 && !supported.Any(pid => pid > bitmapPid))
        {
            return null;
        }

        var bits = new byte[4];
        foreach (byte pid in supported.Where(pid => pid > bitmapPid && pid < nextBitmap))
        {
            Set(bits, pid - bitmapPid);
        }

        if (supported.Any(pid => pid > nextBitmap))
        {
            Set(bits, CoveredPerBitmap);
        }

        return bits;
    }

    /// <param name="offset">1 for the PID right after the bitmap PID, up to 32.</param>
    private static void Set(byte[] bits, int offset) => bits[(offset - 1) / 8] |= (byte)(0x80 >> ((offset - 1) % 8));
}
