using System.Text;
using RydBox.Firmware.Gnss;

namespace RydBox.Firmware.Tests.Gnss;

/// <summary>Test-side helpers written independently of the parser (string based, allocation is fine here).</summary>
internal static class NmeaText
{
    public static byte[] Bytes(string text) => Encoding.Latin1.GetBytes(text);

    /// <summary>Appends "*hh" computed over everything after the leading '$'.</summary>
    public static string WithChecksum(string sentence)
    {
        int sum = 0;
        foreach (char c in sentence.Substring(1))
        {
            sum ^= c;
        }

        return sentence + "*" + sum.ToString("X2");
    }

    /// <summary>True when the line (CR/LF aside) is "$...*hh" and hh matches.</summary>
    public static bool HasValidChecksum(byte[] line)
    {
        int end = line.Length;
        while (end > 0 && (line[end - 1] == '\r' || line[end - 1] == '\n'))
        {
            end--;
        }

        if (end == 0 || line[0] != '$')
        {
            return false;
        }

        int star = Array.IndexOf(line, (byte)'*', 0, end);
        if (star < 0 || end - star != 3 || !Uri.IsHexDigit((char)line[star + 1]) || !Uri.IsHexDigit((char)line[star + 2]))
        {
            return false;
        }

        int sum = 0;
        for (int i = 1; i < star; i++)
        {
            sum ^= line[i];
        }

        return sum == Convert.ToInt32(Encoding.Latin1.GetString(line, star + 1, 2), 16);
    }

    public static NmeaResult Parse(this NmeaParser parser, string line, GnssFix fix)
    {
        byte[] bytes = Bytes(line);
        return parser.Parse(bytes, 0, bytes.Length, fix);
    }
}
