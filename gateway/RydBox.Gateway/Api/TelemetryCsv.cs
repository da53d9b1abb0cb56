using System.Globalization;
using System.Text;

namespace RydBox.Gateway.Api;

/// <summary>
/// Telemetry as CSV (RFC 4180): a header row "time,&lt;signal&gt;,…", then one line per row with the
/// time in ISO 8601 UTC and values in invariant culture; an empty cell where a row has no value.
/// </summary>
internal static class TelemetryCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static string Write(TelemetryTable table)
    {
        var csv = new StringBuilder();
        csv.Append("time");
        foreach (var field in table.Fields)
        {
            csv.Append(',').Append(Escape(field.Name));
        }

        csv.Append("\r\n");
        foreach (TableRow row in table.Rows)
        {
            csv.Append(UnixTime.Format(row.TimeMs));
            foreach (double? value in row.Values)
            {
                csv.Append(',');
                if (value is double v)
                {
                    csv.Append(v.ToString("R", CultureInfo.InvariantCulture));
                }
            }

            csv.Append("\r\n");
        }

        return csv.ToString();
    }

    public static string Escape(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") < 0 ? cell : "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
