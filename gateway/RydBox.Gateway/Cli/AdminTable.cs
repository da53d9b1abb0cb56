namespace RydBox.Gateway.Cli;

/// <summary>A plain text table: a header row, then columns padded to their widest cell.</summary>
internal static class AdminTable
{
    public static void Write(TextWriter output, string[] headers, IEnumerable<string?[]> rows, string empty)
    {
        List<string[]> cells = rows.Select(row => row.Select(cell => cell ?? "-").ToArray()).ToList();
        if (cells.Count == 0)
        {
            output.WriteLine(empty);
            return;
        }

        int[] widths = headers.Select((header, column) => cells.Max(row => row[column].Length)).Select((width, column) => Math.Max(width, headers[column].Length)).ToArray();
        WriteRow(output, headers, widths);
        foreach (string[] row in cells)
        {
            WriteRow(output, row, widths);
        }
    }

    private static void WriteRow(TextWriter output, string[] row, int[] widths) =>
        output.WriteLine(string.Join("  ", row.Select((cell, column) => column == row.Length - 1 ? cell : cell.PadRight(widths[column]))).TrimEnd());
}
