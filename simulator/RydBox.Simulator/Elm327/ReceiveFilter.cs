using System.Globalization;

namespace RydBox.Simulator.Elm327;

/// <summary>AT CRA's receive address: 3 or 8 hex digits, each of which may be X (any).</summary>
internal sealed record ReceiveFilter(uint Pattern, uint Mask)
{
    public bool Accepts(uint id) => (id & Mask) == Pattern;

    /// <summary>Null unless <paramref name="digits"/> is 3 or 8 characters of hex digits or X.</summary>
    public static ReceiveFilter? Parse(string digits)
    {
        if (digits.Length is not (3 or 8) || !digits.All(c => c == 'X' || char.IsAsciiHexDigit(c)))
        {
            return null;
        }

        uint pattern = 0;
        uint mask = 0;
        foreach (char c in digits)
        {
            bool any = c == 'X';
            pattern = (pattern << 4) | (any ? 0 : uint.Parse(c.ToString(), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            mask = (mask << 4) | (any ? 0u : 0xF);
        }

        return new ReceiveFilter(pattern, mask);
    }
}
