using System.Text;

namespace RydBox.Gateway.Tests.Events.Logbook;

/// <summary>A strict RFC 4180 reader for the tests: CRLF records, quoted fields with "" escapes and embedded line breaks.</summary>
internal static class Rfc4180
{
    public static List<string[]> Parse(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        int i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new FormatException("unterminated quoted field");
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(text[i++]);
                }
            }

            while (i < text.Length && text[i] != ',' && text[i] != '\r')
            {
                if (text[i] is '"' or '\n')
                {
                    throw new FormatException($"unquoted field holds {(text[i] == '"' ? "a quote" : "a bare LF")} at {i}");
                }

                field.Append(text[i++]);
            }

            fields.Add(field.ToString());
            field.Clear();
            if (i < text.Length && text[i] == ',')
            {
                i++;
                continue;
            }

            if (i + 1 >= text.Length || text[i + 1] != '\n')
            {
                throw new FormatException($"a record must end with CRLF (at {i})");
            }

            i += 2;
            records.Add([.. fields]);
            fields.Clear();
        }

        return records;
    }
}
