using System.Globalization;

namespace RydBox.Simulator.Elm327;

/// <summary>An OBD request line: hex bytes, then optionally one digit saying how many response frames to wait for.</summary>
internal sealed record ObdRequest(byte[] Data, int ExpectedFrames)
{
    /// <summary>Null for anything the chip answers with "?": not hex, empty, too long, or a count digit of 0.</summary>
    public static ObdRequest? Parse(string command, int maxBytes)
    {
        if (command.Length == 0 || !command.All(char.IsAsciiHexDigit))
        {
            return null;
        }

        int expected = 0;
        string bytes = command;
        if (command.Length % 2 == 1)
        {
            expected = int.Parse(command[^1..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            bytes = command[..^1];
        }

        bool countless = command.Length % 2 == 1 && expected == 0;
        return countless || bytes.Length == 0 || bytes.Length / 2 > maxBytes
            ? null
            : new ObdRequest(Convert.FromHexString(bytes), expected);
    }
}
