using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RydBox.Gateway.Cli;

/// <summary>
/// `query`: the fleet query API for people at a terminal. Every subcommand is one GET against a
/// gateway's HTTP API (so it works against a remote gateway), shown as an aligned table, CSV or
/// the API's JSON.
/// </summary>
public static class QueryCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IEnumerable<Command> Create()
    {
        var url = new Option<string>("--url")
        {
            Description = "The gateway's HTTP API.",
            DefaultValueFactory = _ => QueryClient.DefaultUrl,
            Recursive = true,
        };
        var key = new Option<string?>("--key")
        {
            Description = $"API key of your tenant (rbk_…); default: the {QueryClient.KeyVariable} environment variable.",
            Recursive = true,
        };
        var format = new Option<string>("--format")
        {
            Description = "table (aligned columns), csv or json (the API's answer).",
            DefaultValueFactory = _ => "table",
            Recursive = true,
        };
        format.AcceptOnlyFromAmong("table", "csv", "json");
        var common = new Common(url, key, format);

        var query = new Command("query", "Query the fleet through a gateway's HTTP API: vehicles, latest values, telemetry, tracks, events, dead letters.");
        query.Options.Add(url);
        query.Options.Add(key);
        query.Options.Add(format);
        query.Subcommands.Add(Vehicles(common));
        query.Subcommands.Add(Vehicle(common));
        query.Subcommands.Add(Latest(common));
        query.Subcommands.Add(Telemetry(common));
        query.Subcommands.Add(Track(common));
        query.Subcommands.Add(Events(common));
        query.Subcommands.Add(DeadLetters(common));
        query.Subcommands.Add(EventQueryCommand.Create(url, key, format));
        query.Subcommands.Add(QueryLogbookCommand.Create(url, key, format));
        return [query];
    }

    private static Command Vehicles(Common common)
    {
        var command = new Command("vehicles", "Your tenant's vehicles: id, name, VIN, online, last seen.");
        command.SetAction((parse, cancel) => RunAsync(parse, common, "api/v1/vehicles", QueryViews.Vehicles, cancel));
        return command;
    }

    private static Command Vehicle(Common common)
    {
        var id = VehicleId();
        var command = new Command("vehicle", "One vehicle.") { id };
        command.SetAction((parse, cancel) => RunAsync(parse, common, $"api/v1/vehicles/{Escape(parse.GetValue(id))}", QueryViews.Vehicle, cancel));
        return command;
    }

    private static Command Latest(Common common)
    {
        var id = VehicleId();
        var command = new Command("latest", "The on-board computer: every signal's latest value, the position and whether the vehicle is online.") { id };
        command.SetAction((parse, cancel) => RunAsync(parse, common, $"api/v1/vehicles/{Escape(parse.GetValue(id))}/latest", QueryViews.Latest, cancel));
        return command;
    }

    private static Command Telemetry(Common common)
    {
        var id = VehicleId();
        (Option<string?> from, Option<string?> to) = Range();
        var fields = new Option<string?>("--fields") { Description = "Comma-separated signals, e.g. engine_rpm,vehicle_speed (default: all)." };
        var every = new Option<string?>("--every") { Description = "Downsample into buckets of this width: 10s, 1m, 1h…" };
        var agg = new Option<string?>("--agg") { Description = "mean (default), min, max or last per bucket; needs --every." };
        var command = new Command("telemetry", "Telemetry samples, raw or downsampled.") { id, from, to, fields, every, agg };
        command.SetAction((parse, cancel) =>
        {
            string path = $"api/v1/vehicles/{Escape(parse.GetValue(id))}/telemetry"
                + QueryString(("from", parse.GetValue(from)), ("to", parse.GetValue(to)), ("fields", parse.GetValue(fields)), ("every", parse.GetValue(every)), ("agg", parse.GetValue(agg)));
            return RunAsync(parse, common, path, QueryViews.Telemetry, cancel, csvFromApi: true);
        });
        return command;
    }

    private static Command Track(Common common)
    {
        var id = VehicleId();
        (Option<string?> from, Option<string?> to) = Range();
        var command = new Command("track", "Where the vehicle went: its positions (GeoJSON with --format json).") { id, from, to };
        command.SetAction((parse, cancel) => RunAsync(
            parse, common, $"api/v1/vehicles/{Escape(parse.GetValue(id))}/track" + QueryString(("from", parse.GetValue(from)), ("to", parse.GetValue(to))), QueryViews.Track, cancel));
        return command;
    }

    private static Command Events(Common common)
    {
        var id = VehicleId();
        (Option<string?> from, Option<string?> to) = Range();
        var command = new Command("events", "Events the box raised: ignition, towing, DTCs, battery…") { id, from, to };
        command.SetAction((parse, cancel) => RunAsync(
            parse, common, $"api/v1/vehicles/{Escape(parse.GetValue(id))}/events" + QueryString(("from", parse.GetValue(from)), ("to", parse.GetValue(to))), QueryViews.Events, cancel));
        return command;
    }

    private static Command DeadLetters(Common common)
    {
        var limit = new Option<string?>("--limit") { Description = "How many, newest first (1-1000, default 100)." };
        var before = new Option<string?>("--before") { Description = "Only dead letters with a smaller id (paging back)." };
        var command = new Command("dead-letters", "Messages of your boxes the gateway refused, with the reason.") { limit, before };
        command.SetAction((parse, cancel) => RunAsync(
            parse, common, "api/v1/dead-letters" + QueryString(("limit", parse.GetValue(limit)), ("before", parse.GetValue(before))), QueryViews.DeadLetters, cancel));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, Common common, string path, Func<JsonElement, bool, QueryTable> view, CancellationToken cancel, bool csvFromApi = false)
    {
        TextWriter output = parse.InvocationConfiguration.Output;
        TextWriter error = parse.InvocationConfiguration.Error;
        string format = parse.GetValue(common.Format) ?? "table";
        try
        {
            using QueryClient client = QueryClient.Create(parse.GetValue(common.Url), parse.GetValue(common.Key));
            if (format == "csv" && csvFromApi)
            {
                // The API writes this CSV itself: the CLI passes it through unchanged.
                await output.WriteAsync(await client.GetAsync(path + (path.Contains('?') ? "&" : "?") + "format=csv", "text/csv", cancel));
                return 0;
            }

            string body = await client.GetAsync(path, "application/json", cancel);
            using JsonDocument answer = JsonDocument.Parse(body);
            string text = format switch
            {
                "json" => JsonSerializer.Serialize(answer.RootElement, Indented) + Environment.NewLine,
                "csv" => view(answer.RootElement, true).RenderCsv(),
                _ => view(answer.RootElement, false).RenderTable(),
            };
            await output.WriteAsync(text);
            return 0;
        }
        catch (QueryFailure failure)
        {
            await error.WriteLineAsync("error: " + failure.Message);
            return 1;
        }
        catch (JsonException)
        {
            await error.WriteLineAsync($"error: the answer from {parse.GetValue(common.Url)} is not the gateway API's JSON; is --url a RydBox gateway?");
            return 1;
        }
    }

    private static Argument<string> VehicleId() => new("vehicle-id") { Description = "The vehicle's (box's) id, as `query vehicles` lists it." };

    private static (Option<string?> From, Option<string?> To) Range() =>
        (new Option<string?>("--from") { Description = "Start: ISO 8601 (2025-03-01T10:00:00Z) or unix ms; default: 24 h before --to." },
         new Option<string?>("--to") { Description = "End (exclusive): ISO 8601 or unix ms; default: now." });

    private static string Escape(string? segment) => Uri.EscapeDataString(segment ?? "");

    private static string QueryString(params (string Name, string? Value)[] parameters)
    {
        string[] present = [.. parameters.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}")];
        return present.Length == 0 ? "" : "?" + string.Join('&', present);
    }

    private sealed record Common(Option<string> Url, Option<string?> Key, Option<string> Format);
}
