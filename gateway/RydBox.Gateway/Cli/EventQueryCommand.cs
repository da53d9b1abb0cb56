using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RydBox.Gateway.Cli;

/// <summary>
/// `query vehicle-events`: the events the gateway detected (trips, towing, geofences …) through the
/// HTTP API's GET /api/v1/events. Not `query events`: that is the box's own raw events.
/// </summary>
internal static class EventQueryCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <param name="url">`query`'s --url, --key and --format (recursive options of the parent).</param>
    public static Command Create(Option<string> url, Option<string?> key, Option<string> format)
    {
        var vehicle = new Option<string?>("--vehicle") { Description = "Only this vehicle's (box id)." };
        var kind = new Option<string?>("--kind") { Description = "Only this kind: trip, towing, geofence, speeding, curfew, dtc, low_battery, offline." };
        var from = new Option<string?>("--from") { Description = "Only episodes that started at or after: ISO 8601 (2025-03-01T10:00:00Z) or unix ms." };
        var to = new Option<string?>("--to") { Description = "Only episodes that started before: ISO 8601 or unix ms." };
        var limit = new Option<string?>("--limit") { Description = "How many, newest first (1-1000, default 100)." };
        var withdrawn = new Option<bool>("--include-withdrawn") { Description = "Also events late data withdrew." };
        var command = new Command("vehicle-events", "Events the gateway detected: trips, towing, geofences, speeding, curfews, DTCs, low battery, offline.")
        {
            vehicle, kind, from, to, limit, withdrawn,
        };
        command.SetAction(async (parse, cancel) =>
        {
            string[] parameters = [.. new (string Name, string? Value)[]
                {
                    ("vehicle", parse.GetValue(vehicle)), ("kind", parse.GetValue(kind)), ("from", parse.GetValue(from)), ("to", parse.GetValue(to)),
                    ("limit", parse.GetValue(limit)), ("includeWithdrawn", parse.GetValue(withdrawn) ? "true" : null),
                }
                .Where(p => !string.IsNullOrWhiteSpace(p.Value))
                .Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}")];
            string path = "api/v1/events" + (parameters.Length == 0 ? "" : "?" + string.Join('&', parameters));
            TextWriter output = parse.InvocationConfiguration.Output;
            try
            {
                using QueryClient client = QueryClient.Create(parse.GetValue(url), parse.GetValue(key));
                using JsonDocument answer = JsonDocument.Parse(await client.GetAsync(path, "application/json", cancel));
                await output.WriteAsync((parse.GetValue(format) ?? "table") switch
                {
                    "json" => JsonSerializer.Serialize(answer.RootElement, Indented) + Environment.NewLine,
                    "csv" => View(answer.RootElement).RenderCsv(),
                    _ => View(answer.RootElement).RenderTable(),
                });
                return 0;
            }
            catch (QueryFailure failure)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("error: " + failure.Message);
                return 1;
            }
            catch (JsonException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"error: the answer from {parse.GetValue(url)} is not the gateway API's JSON; is --url a RydBox gateway?");
                return 1;
            }
        });
        return command;
    }

    /// <summary>One row per event: when, which vehicle, what, and a short summary of the kind's fields.</summary>
    private static QueryTable View(JsonElement answer)
    {
        var table = new QueryTable("start", "end", "vehicle", "kind", "summary", "withdrawn");
        foreach (JsonElement e in answer.GetProperty("events").EnumerateArray())
        {
            table.Add(
                e.GetProperty("start").GetString() ?? "",
                e.GetProperty("end").ValueKind == JsonValueKind.Null ? "(ongoing)" : e.GetProperty("end").GetString() ?? "",
                e.GetProperty("device").GetString() ?? "",
                e.GetProperty("kind").GetString() ?? "",
                Summary(e.GetProperty("event")),
                e.GetProperty("withdrawn").ValueKind == JsonValueKind.Null ? "" : e.GetProperty("withdrawn").GetString() ?? "");
        }

        return table;
    }

    private static string Summary(JsonElement e) => Text(e, "kind") switch
    {
        "trip" => $"{Number(e, "distanceKm")} km, max {Number(e, "maxSpeedKmh")} km/h",
        "towing" => Text(e, "raisedByBox") == "true" ? "tow alarm (box)" : "moved with ignition off",
        "geofence" => $"{Text(e, "transition")} {Text(e, "fenceName")}",
        "speeding" => $"max {Number(e, "maxSpeedKmh")} km/h over {Number(e, "limitKmh")} km/h",
        "curfew" => Text(e, "windowName"),
        "dtc" => $"{Text(e, "code")} {(Text(e, "cleared") == "true" ? "cleared" : "set")}",
        "low_battery" => $"{Number(e, "volts")} V",
        _ => "",
    };

    private static string Text(JsonElement e, string property) =>
        !e.TryGetProperty(property, out JsonElement value) ? ""
        : value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() ?? "",
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => value.GetRawText(),
        };

    private static string Number(JsonElement e, string property) =>
        e.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.Number
            ? Math.Round(value.GetDouble(), 1).ToString("0.#", CultureInfo.InvariantCulture)
            : "?";
}
