using System.Globalization;
using System.Text.Json;

namespace RydBox.Gateway.Cli;

/// <summary>The API's JSON answers as tables. Tables show numbers to 10 significant digits; CSV keeps them as the API wrote them.</summary>
internal static class QueryViews
{
    public static QueryTable Vehicles(JsonElement answer, bool exact)
    {
        var table = new QueryTable("id", "name", "vin", "online", "last_seen", "firmware", "revoked");
        foreach (JsonElement vehicle in answer.GetProperty("vehicles").EnumerateArray())
        {
            table.Add(VehicleCells(vehicle, exact));
        }

        return table;
    }

    public static QueryTable Vehicle(JsonElement vehicle, bool exact)
    {
        var table = new QueryTable("id", "name", "vin", "online", "last_seen", "firmware", "revoked");
        table.Add(VehicleCells(vehicle, exact));
        return table;
    }

    public static QueryTable Latest(JsonElement answer, bool exact)
    {
        var table = new QueryTable("signal", "value", "unit", "time", "id", "raw");
        string name = Text(answer, "name", exact);
        table.Preamble.Add($"vehicle   {Text(answer, "vehicleId", exact)}{(name.Length > 0 ? $" ({name})" : "")}");
        if (Text(answer, "vin", exact) is { Length: > 0 } vin)
        {
            table.Preamble.Add($"vin       {vin}");
        }

        string lastSeen = Text(answer, "lastSeen", exact);
        table.Preamble.Add($"online    {Text(answer, "online", exact)}{(lastSeen.Length > 0 ? $", last seen {lastSeen}" : ", never seen")}");
        if (answer.TryGetProperty("position", out JsonElement position) && position.ValueKind == JsonValueKind.Object)
        {
            table.Preamble.Add($"position  {Text(position, "latitude", exact)}, {Text(position, "longitude", exact)} at {Text(position, "time", exact)}");
        }

        foreach (JsonElement signal in answer.GetProperty("signals").EnumerateArray())
        {
            table.Add(
                Text(signal, "name", exact),
                Text(signal, "value", exact),
                Text(signal, "unit", exact),
                Text(signal, "time", exact),
                Text(signal, "id", exact),
                Text(signal, "raw", exact));
        }

        return table;
    }

    /// <summary>One column per field, headed "name [unit]" in the table.</summary>
    public static QueryTable Telemetry(JsonElement answer, bool exact)
    {
        JsonElement[] fields = [.. answer.GetProperty("fields").EnumerateArray()];
        string[] names = [.. fields.Select(f => f.GetProperty("name").GetString() ?? "")];
        string[] headers = [.. fields.Select(f => Text(f, "unit", exact) is { Length: > 0 } unit && !exact ? $"{Text(f, "name", exact)} [{unit}]" : Text(f, "name", exact))];
        var table = new QueryTable(["time", .. headers]);
        if (answer.TryGetProperty("every", out JsonElement every) && every.ValueKind == JsonValueKind.String)
        {
            table.Preamble.Add($"{Text(answer, "agg", exact)} per {every.GetString()} from {Text(answer, "from", exact)} to {Text(answer, "to", exact)}");
        }

        foreach (JsonElement row in answer.GetProperty("rows").EnumerateArray())
        {
            JsonElement values = row.GetProperty("values");
            table.Add([Text(row, "time", exact), .. names.Select(n => Text(values, n, exact))]);
        }

        return table;
    }

    /// <summary>The GeoJSON track as one row per position.</summary>
    public static QueryTable Track(JsonElement answer, bool exact)
    {
        var table = new QueryTable("time", "latitude", "longitude");
        foreach (JsonElement feature in answer.GetProperty("features").EnumerateArray())
        {
            JsonElement geometry = feature.GetProperty("geometry");
            JsonElement coordinates = geometry.GetProperty("coordinates");
            JsonElement[] positions = geometry.GetProperty("type").GetString() == "Point" ? [coordinates] : [.. coordinates.EnumerateArray()];
            JsonElement[] times = [.. feature.GetProperty("properties").GetProperty("times").EnumerateArray()];
            for (int i = 0; i < positions.Length; i++)
            {
                table.Add(times[i].GetString() ?? "", Number(positions[i][1], exact), Number(positions[i][0], exact));
            }
        }

        return table;
    }

    public static QueryTable Events(JsonElement answer, bool exact)
    {
        var table = new QueryTable("time", "type", "value", "detail", "latitude", "longitude", "sequence");
        foreach (JsonElement e in answer.GetProperty("events").EnumerateArray())
        {
            JsonElement position = e.GetProperty("position");
            bool located = position.ValueKind == JsonValueKind.Object;
            table.Add(
                Text(e, "time", exact),
                Text(e, "type", exact),
                Text(e, "value", exact),
                Text(e, "detail", exact),
                located ? Text(position, "latitude", exact) : "",
                located ? Text(position, "longitude", exact) : "",
                Text(e, "sequence", exact));
        }

        return table;
    }

    /// <summary>The payload (base64) only in CSV: too wide for a terminal table.</summary>
    public static QueryTable DeadLetters(JsonElement answer, bool exact)
    {
        var table = exact
            ? new QueryTable("id", "received_at", "device_id", "topic", "reason", "detail", "payload_bytes", "payload")
            : new QueryTable("id", "received_at", "device_id", "topic", "reason", "detail", "payload_bytes");
        foreach (JsonElement letter in answer.GetProperty("deadLetters").EnumerateArray())
        {
            string[] cells = [.. new[] { "id", "receivedAt", "deviceId", "topic", "reason", "detail", "payloadBytes" }.Select(p => Text(letter, p, exact))];
            table.Add(exact ? [.. cells, Text(letter, "payload", exact)] : cells);
        }

        return table;
    }

    private static string[] VehicleCells(JsonElement vehicle, bool exact) =>
        [.. new[] { "id", "name", "vin", "online", "lastSeen", "firmware", "revoked" }.Select(p => Text(vehicle, p, exact))];

    /// <summary>A property as a cell: strings as they are, numbers exact or to 10 digits, true/false as yes/no in tables, null or missing as empty.</summary>
    private static string Text(JsonElement parent, string property, bool exact)
    {
        if (!parent.TryGetProperty(property, out JsonElement value))
        {
            return "";
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() ?? "",
            JsonValueKind.Number => Number(value, exact),
            JsonValueKind.True => exact ? "true" : "yes",
            JsonValueKind.False => exact ? "false" : "no",
            JsonValueKind.Null or JsonValueKind.Undefined => "",
            _ => value.GetRawText(),
        };
    }

    private static string Number(JsonElement value, bool exact) =>
        exact || value.TryGetInt64(out _) ? value.GetRawText() : value.GetDouble().ToString("G10", CultureInfo.InvariantCulture);
}
