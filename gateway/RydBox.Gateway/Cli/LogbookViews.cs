using System.Globalization;
using System.Text.Json;

namespace RydBox.Gateway.Cli;

/// <summary>
/// The logbook's JSON answers as tables. Tables round for reading (km to 0.01, speeds to 0.1,
/// durations as h:mm:ss, hashes to 16 digits); CSV (exact = true) keeps every value as the API wrote it.
/// </summary>
internal static class LogbookViews
{
    public static QueryTable Trips(JsonElement answer, bool exact)
    {
        QueryTable table = TripTable(exact);
        foreach (JsonElement trip in answer.GetProperty("trips").EnumerateArray())
        {
            table.Add(TripCells(trip, exact));
        }

        if (answer.TryGetProperty("nextFrom", out JsonElement next) && next.ValueKind == JsonValueKind.String)
        {
            table.Preamble.Add($"more trips follow: ask again with --from {next.GetString()}");
        }

        return table;
    }

    /// <summary>The one trip PUT …/classification answers.</summary>
    public static QueryTable Trip(JsonElement trip, bool exact)
    {
        QueryTable table = TripTable(exact);
        table.Add(TripCells(trip, exact));
        return table;
    }

    public static QueryTable History(JsonElement answer, bool exact)
    {
        var table = new QueryTable("id", "at", "change", "purpose", "note", "actor", "previous_hash", "hash");
        table.Preamble.Add($"trip {Text(answer, "tripKey")} of vehicle {Text(answer, "vehicleId")}");
        foreach (JsonElement row in answer.GetProperty("rows").EnumerateArray())
        {
            table.Add(
                Text(row, "id"),
                Text(row, "at"),
                Text(row, "change"),
                Text(row, "purpose"),
                Text(row, "note"),
                Text(row, "actor"),
                Hash(Text(row, "previousHash"), exact),
                Hash(Text(row, "hash"), exact));
        }

        return table;
    }

    /// <summary>One row (valid, rows, head…), with the broken row and the anchor, if any, in the preamble of the table.</summary>
    public static QueryTable Verification(JsonElement answer, bool exact)
    {
        var table = new QueryTable("vehicle", "valid", "rows", "head_id", "head_hash", "broken_id", "broken_reason", "anchor_found");
        JsonElement broken = answer.TryGetProperty("firstBroken", out JsonElement b) ? b : default;
        JsonElement anchor = answer.TryGetProperty("anchor", out JsonElement a) ? a : default;
        bool hasBroken = broken.ValueKind == JsonValueKind.Object;
        bool hasAnchor = anchor.ValueKind == JsonValueKind.Object;
        bool valid = answer.GetProperty("valid").ValueKind == JsonValueKind.True;
        if (!exact)
        {
            table.Preamble.Add(valid
                ? $"the trip log of {Text(answer, "vehicleId")} verifies: {Text(answer, "rows")} rows, head hash {Text(answer, "headHash")}"
                : $"the trip log of {Text(answer, "vehicleId")} does NOT verify");
            if (hasBroken)
            {
                table.Preamble.Add($"first broken row {Text(broken, "id")} (trip {Text(broken, "tripKey")}): {Text(broken, "detail")}");
            }

            if (hasAnchor && anchor.GetProperty("found").ValueKind != JsonValueKind.True)
            {
                table.Preamble.Add($"anchor {Text(anchor, "hash")} is not in the chain: rows were removed or the chain was rewritten since it was noted");
            }
        }

        table.Add(
            Text(answer, "vehicleId"),
            exact ? (valid ? "true" : "false") : (valid ? "yes" : "no"),
            Text(answer, "rows"),
            Text(answer, "headId"),
            Hash(Text(answer, "headHash"), exact),
            hasBroken ? Text(broken, "id") : "",
            hasBroken ? Text(broken, "reason") : "",
            !hasAnchor ? "" : anchor.GetProperty("found").ValueKind == JsonValueKind.True ? (exact ? "true" : "yes") : (exact ? "false" : "no"));
        return table;
    }

    private static QueryTable TripTable(bool exact) => exact
        ? new QueryTable("key", "start", "end", "distance_km", "duration_s", "max_speed_kmh", "avg_speed_kmh", "fuel_litres", "source", "purpose", "note", "classified_at", "classified_by")
        : new QueryTable("key", "start", "end", "distance [km]", "duration", "max speed [km/h]", "avg speed [km/h]", "fuel [l]", "source", "purpose", "note");

    private static string[] TripCells(JsonElement trip, bool exact) => exact
        ? [.. new[] { "key", "start", "end", "distanceKm", "durationS", "maxSpeedKmh", "averageSpeedKmh", "fuelLitres", "source", "purpose", "note", "classifiedAt", "classifiedBy" }.Select(p => Text(trip, p))]
        :
        [
            Text(trip, "key"),
            Text(trip, "start"),
            Text(trip, "end"),
            Rounded(trip, "distanceKm", "F2"),
            Duration(trip),
            Rounded(trip, "maxSpeedKmh", "F1"),
            Rounded(trip, "averageSpeedKmh", "F1"),
            Rounded(trip, "fuelLitres", "F2"),
            Text(trip, "source"),
            Text(trip, "purpose"),
            OneLine(Text(trip, "note")),
        ];

    private static string Duration(JsonElement trip)
    {
        if (!trip.TryGetProperty("durationS", out JsonElement value) || value.ValueKind != JsonValueKind.Number)
        {
            return "";
        }

        var duration = TimeSpan.FromSeconds(Math.Round(value.GetDouble()));
        return string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalHours}:{duration.Minutes:00}:{duration.Seconds:00}");
    }

    private static string Rounded(JsonElement parent, string property, string format) =>
        parent.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble().ToString(format, CultureInfo.InvariantCulture)
            : "";

    private static string Hash(string hash, bool exact) => exact || hash.Length <= 16 ? hash : hash[..16] + "…";

    // A note's line breaks would break the table's rows.
    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    /// <summary>A property as the API wrote it: strings as they are, numbers as their JSON text, null or missing as empty.</summary>
    private static string Text(JsonElement parent, string property)
    {
        if (!parent.TryGetProperty(property, out JsonElement value))
        {
            return "";
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() ?? "",
            JsonValueKind.Null or JsonValueKind.Undefined => "",
            _ => value.GetRawText(),
        };
    }
}
