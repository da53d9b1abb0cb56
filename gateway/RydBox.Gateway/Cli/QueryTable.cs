using System.Text;

namespace RydBox.Gateway.Cli;

/// <summary>What a `query` shows: named columns and rows of text, rendered as an aligned table or as CSV.</summary>
internal sealed class QueryTable(params string[] columns)
{
    private readonly List<string[]> _rows = [];

    public IReadOnlyList<string> Columns { get; } = columns;

    public IReadOnlyList<string[]> Rows => _rows;

    /// <summary>Lines printed above the table (not in CSV), e.g. the vehicle a signal list belongs to.</summary>
    public List<string> Preamble { get; } = [];

    public void Add(params string[] cells) => _rows.Add(cells);

    /// <summary>Upper-case headers (a unit in brackets keeps its case), a rule, columns padded to their widest cell; numeric columns right-aligned.</summary>
    public string RenderTable()
    {
        var text = new StringBuilder();
        foreach (string line in Preamble)
        {
            text.Append(line).Append('\n');
        }

        if (Preamble.Count > 0)
        {
            text.Append('\n');
        }

        string[] headers = [.. Columns.Select(Header)];
        int[] widths = [.. headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length)))];
        bool[] numeric = [.. headers.Select((_, i) => _rows.Count > 0 && _rows.All(r => r[i].Length == 0 || double.TryParse(r[i], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double _)))];
        Line(text, headers, widths, numeric);
        Line(text, [.. widths.Select(w => new string('-', w))], widths, numeric);
        foreach (string[] row in _rows)
        {
            Line(text, row, widths, numeric);
        }

        if (_rows.Count == 0)
        {
            text.Append("(none)\n");
        }

        return text.ToString();
    }

    /// <summary>RFC 4180: the column names as header, quoted cells where needed.</summary>
    public string RenderCsv()
    {
        var text = new StringBuilder();
        text.AppendJoin(',', Columns.Select(Escape)).Append("\r\n");
        foreach (string[] row in _rows)
        {
            text.AppendJoin(',', row.Select(Escape)).Append("\r\n");
        }

        return text.ToString();
    }

    private static string Header(string column)
    {
        int unit = column.IndexOf(" [", StringComparison.Ordinal);
        string name = unit < 0 ? column : column[..unit];
        return name.Replace('_', ' ').ToUpperInvariant() + (unit < 0 ? "" : column[unit..]);
    }

    private static void Line(StringBuilder text, string[] cells, int[] widths, bool[] numeric)
    {
        var line = new StringBuilder();
        for (int i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                line.Append("  ");
            }

            line.Append(numeric[i] ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]));
        }

        text.Append(line.ToString().TrimEnd()).Append('\n');
    }

    private static string Escape(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") < 0 ? cell : "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
