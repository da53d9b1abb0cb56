using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RydBox.Gateway.Cli;

/// <summary>
/// `query logbook`: the automatic logbook through a gateway's HTTP API, with the `query` group's
/// --url, --key and --format: trips (table, the API's CSV, or JSON), classify (PUT), a trip's
/// history, and the verification of the vehicle's tamper-evident trip log (exit code 2 when it fails).
/// </summary>
public static class QueryLogbookCommand
{
    /// <summary>Exit code of `logbook verify` when the trip log does not verify (1 stays "could not ask").</summary>
    public const int NotVerified = 2;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The group; <paramref name="url"/>, <paramref name="key"/> and <paramref name="format"/> are the `query` command's recursive options.</summary>
    public static Command Create(Option<string> url, Option<string?> key, Option<string> format)
    {
        var common = new Common(url, key, format);
        var logbook = new Command("logbook", "The automatic logbook: trips, their business/private classification, a trip's history, and the check that the trip log was not changed.");
        logbook.Subcommands.Add(Trips(common));
        logbook.Subcommands.Add(Classify(common));
        logbook.Subcommands.Add(History(common));
        logbook.Subcommands.Add(Verify(common));
        return logbook;
    }

    private static Command Trips(Common common)
    {
        var id = VehicleId();
        var from = new Option<string?>("--from") { Description = "Trips that started at or after this: ISO 8601 (2025-01-01) or unix ms; default: 30 days before --to." };
        var to = new Option<string?>("--to") { Description = "Trips that started before this: ISO 8601 or unix ms; default: now." };
        var limit = new Option<string?>("--limit") { Description = "Most trips (1-10000, default 1000)." };
        var command = new Command("trips", "The vehicle's trips, oldest first, with purpose and note; --format csv is the API's logbook CSV.") { id, from, to, limit };
        command.SetAction((parse, cancel) => RunAsync(
            parse,
            common,
            HttpMethod.Get,
            $"api/v1/vehicles/{Escape(parse.GetValue(id))}/trips" + QueryString(("from", parse.GetValue(from)), ("to", parse.GetValue(to)), ("limit", parse.GetValue(limit))),
            body: null,
            LogbookViews.Trips,
            cancel,
            csvFromApi: true));
        return command;
    }

    private static Command Classify(Common common)
    {
        var id = VehicleId();
        var trip = TripKey();
        var purpose = new Option<string>("--purpose") { Description = "business or private.", Required = true };
        purpose.AcceptOnlyFromAmong("business", "private");
        var note = new Option<string?>("--note") { Description = "Why: a client, a place (up to 500 characters)." };
        var command = new Command("classify", "Mark a finished trip business or private, with an optional note (kept in the trip's history).") { id, trip, purpose, note };
        command.SetAction((parse, cancel) => RunAsync(
            parse,
            common,
            HttpMethod.Put,
            $"api/v1/vehicles/{Escape(parse.GetValue(id))}/trips/{Escape(parse.GetValue(trip))}/classification",
            JsonSerializer.Serialize(new { purpose = parse.GetValue(purpose), note = parse.GetValue(note) }),
            LogbookViews.Trip,
            cancel));
        return command;
    }

    private static Command History(Common common)
    {
        var id = VehicleId();
        var trip = TripKey();
        var command = new Command("history", "Every change of one trip (detected, updated, withdrawn, classified) with who, when and the chain hashes.") { id, trip };
        command.SetAction((parse, cancel) => RunAsync(
            parse, common, HttpMethod.Get, $"api/v1/vehicles/{Escape(parse.GetValue(id))}/trips/{Escape(parse.GetValue(trip))}/history", body: null, LogbookViews.History, cancel));
        return command;
    }

    private static Command Verify(Common common)
    {
        var id = VehicleId();
        var anchor = new Option<string?>("--anchor") { Description = "A head hash noted from an earlier verify: checks that it is still in the chain (shows rows removed from the end)." };
        var command = new Command("verify", $"Recompute the vehicle's trip log hashes; exit code {NotVerified} if a row was changed or removed. Note the head hash it prints.") { id, anchor };
        command.SetAction((parse, cancel) => RunAsync(
            parse,
            common,
            HttpMethod.Get,
            $"api/v1/vehicles/{Escape(parse.GetValue(id))}/logbook/verify" + QueryString(("anchor", parse.GetValue(anchor))),
            body: null,
            LogbookViews.Verification,
            cancel,
            exitCode: answer => answer.TryGetProperty("valid", out JsonElement valid) && valid.ValueKind == JsonValueKind.True ? 0 : NotVerified));
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult parse,
        Common common,
        HttpMethod method,
        string path,
        string? body,
        Func<JsonElement, bool, QueryTable> view,
        CancellationToken cancel,
        bool csvFromApi = false,
        Func<JsonElement, int>? exitCode = null)
    {
        TextWriter output = parse.InvocationConfiguration.Output;
        TextWriter error = parse.InvocationConfiguration.Error;
        string format = parse.GetValue(common.Format) ?? "table";
        string? url = parse.GetValue(common.Url);
        try
        {
            using var client = QueryClient.Create(url, parse.GetValue(common.Key));
            if (format == "csv" && csvFromApi)
            {
                // The API writes the logbook CSV itself: the CLI passes it through unchanged.
                await output.WriteAsync(await client.SendAsync(HttpMethod.Get, path + (path.Contains('?') ? "&" : "?") + "format=csv", null, "text/csv", cancel));
                return 0;
            }

            string answer = await client.SendAsync(method, path, body, "application/json", cancel);
            using JsonDocument document = JsonDocument.Parse(answer);
            string text = format switch
            {
                "json" => JsonSerializer.Serialize(document.RootElement, Indented) + Environment.NewLine,
                "csv" => view(document.RootElement, true).RenderCsv(),
                _ => view(document.RootElement, false).RenderTable(),
            };
            await output.WriteAsync(text);
            return exitCode?.Invoke(document.RootElement) ?? 0;
        }
        catch (QueryFailure failure)
        {
            await error.WriteLineAsync("error: " + failure.Message);
            return 1;
        }
        catch (JsonException)
        {
            await error.WriteLineAsync($"error: the answer from {url} is not the gateway API's JSON; is --url a RydBox gateway?");
            return 1;
        }
    }

    private static Argument<string> VehicleId() => new("vehicle-id") { Description = "The vehicle's (box's) id, as `query vehicles` lists it." };

    private static Argument<string> TripKey() => new("trip") { Description = "The trip's key as `query logbook trips` lists it (trip:1764000000000), or its start in unix ms." };

    private static string Escape(string? segment) => Uri.EscapeDataString(segment ?? "");

    private static string QueryString(params (string Name, string? Value)[] parameters)
    {
        string[] present = [.. parameters.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}")];
        return present.Length == 0 ? "" : "?" + string.Join('&', present);
    }

    private sealed record Common(Option<string> Url, Option<string?> Key, Option<string> Format);
}
