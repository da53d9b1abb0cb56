using System.Text.Json;
using System.Text.Json.Serialization;
using RydBox.Contract;

namespace RydBox.Gateway.Storage.Influx;

/// <summary>
/// Reads the JSON answers of InfluxQL's <c>/query</c> (one document, or one per chunk with
/// <c>chunked=true</c>) and turns <c>SELECT *</c> rows of the telemetry measurement into samples.
/// </summary>
internal static class QueryResults
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    /// <summary>Every document of the answer, in order; an error inside one throws <see cref="InfluxQueryError"/>.</summary>
    public static async IAsyncEnumerable<QueryResponse> ReadAsync(Stream body, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (QueryResponse? response in JsonSerializer.DeserializeAsyncEnumerable<QueryResponse>(body, topLevelValues: true, Json, cancellationToken))
        {
            if (response is null)
            {
                continue;
            }

            string? error = response.Error ?? response.Results?.Select(r => r.Error).FirstOrDefault(e => e is not null);
            if (error is not null)
            {
                throw new InfluxQueryError(error);
            }

            yield return response;
        }
    }

    /// <summary>
    /// Samples from the rows of one series: the time column and every <c>name_raw</c> column of a
    /// signal the catalog knows, rebuilt as the wire decoder builds them; values in signal id order.
    /// Float columns are for dashboards and are not read back. Field names no signal has are
    /// added to <paramref name="unknownFields"/>.
    /// </summary>
    public static void AddSamples(Series series, List<TelemetrySample> samples, ISet<string> unknownFields)
    {
        if (series.Values is null || series.Columns is null)
        {
            return;
        }

        int timeColumn = series.Columns.IndexOf("time");
        if (timeColumn < 0)
        {
            throw new InfluxQueryError("the answer has no time column");
        }

        var signals = new List<(int Column, int SignalId)>();
        for (int column = 0; column < series.Columns.Count; column++)
        {
            string name = series.Columns[column];
            if (!name.EndsWith(SignalFields.RawSuffix, StringComparison.Ordinal))
            {
                continue;
            }

            int? id = SignalFields.IdOf(name[..^SignalFields.RawSuffix.Length]);
            if (id is null)
            {
                unknownFields.Add(name);
                continue;
            }

            signals.Add((column, id.Value));
        }

        signals.Sort((a, b) => a.SignalId.CompareTo(b.SignalId));
        foreach (JsonElement[] row in series.Values)
        {
            var values = new List<SignalValue>();
            foreach ((int column, int signalId) in signals)
            {
                JsonElement cell = row[column];
                if (cell.ValueKind == JsonValueKind.Number)
                {
                    long raw = cell.GetInt64();
                    SignalInfo info = SignalCatalog.Describe(signalId);
                    values.Add(new SignalValue(signalId, info.Name, info.Unit, raw, info.Scale(raw)));
                }
            }

            samples.Add(new TelemetrySample(row[timeColumn].GetInt64(), values));
        }
    }
}

internal sealed class QueryResponse
{
    public List<StatementResult>? Results { get; set; }

    public string? Error { get; set; }
}

internal sealed class StatementResult
{
    [JsonPropertyName("statement_id")]
    public int StatementId { get; set; }

    public List<Series>? Series { get; set; }

    public string? Error { get; set; }
}

internal sealed class Series
{
    public string? Name { get; set; }

    public List<string>? Columns { get; set; }

    public List<JsonElement[]>? Values { get; set; }
}

/// <summary>An error InfluxDB reported inside a query answer (e.g. "database not found: x").</summary>
internal sealed class InfluxQueryError(string message) : Exception(message);
