using System.ComponentModel;
using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using RydBox.Gateway.Events.Logbook;
using RydBox.Gateway.Identity;
using RydBox.Gateway.Storage;

namespace RydBox.Gateway.Api;

/// <summary>
/// The automatic logbook: a vehicle's trips (JSON or CSV), their classification as business or private,
/// each trip's history, and the verification of the vehicle's tamper-evident trip log.
/// </summary>
internal static class TripEndpoints
{
    /// <summary>Trips one answer holds unless limit= says otherwise.</summary>
    public const int DefaultLimit = 1000;

    /// <summary>Most trips one answer may hold (limit=).</summary>
    public const int MaxLimit = 10_000;

    /// <summary>Range when from is not given: the 30 days before to.</summary>
    public const int DefaultRangeDays = 30;

    /// <summary>Longest from..to: a whole (leap) year, so a tax year is one export.</summary>
    public const int MaxRangeDays = 366;

    private const string TripKeyText = "The trip's key as the trip list shows it (trip:1764000000000), or just its start in unix ms (1764000000000).";

    public static void Map(RouteGroupBuilder api)
    {
        RouteGroupBuilder logbook = api.MapGroup("").WithTags("Logbook");
        logbook.MapGet("/vehicles/{id}/trips", Trips)
            .WithName("ListTrips")
            .WithSummary("The logbook: the vehicle's trips with their classification")
            .WithDescription("Trips that started in [from, to), oldest first, each with start/end time and place, distance, duration, speeds, fuel, source and the classification in force. JSON by default; CSV for format=csv or Accept: text/csv. Trips still going on have no end.")
            .Produces<TripList>(StatusCodes.Status200OK, "application/json", "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        logbook.MapGet("/vehicles/{id}/trips.csv", TripsCsv)
            .WithName("ExportTrips")
            .WithSummary("The logbook as CSV")
            .WithDescription("The same trips and columns as GET …/trips, as RFC 4180 CSV with a header row; times ISO 8601 UTC, numbers in invariant culture.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        logbook.MapPut("/vehicles/{id}/trips/{tripKey}/classification", Classify)
            .WithName("ClassifyTrip")
            .WithSummary("Mark a finished trip business or private, with a note")
            .WithDescription("Appends a classified row to the trip log (the previous classification stays in the history). The same purpose and note again change nothing. 409 for a trip still going on or withdrawn by late data.")
            .Accepts<TripClassificationRequest>("application/json")
            .Produces<TripView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        logbook.MapGet("/vehicles/{id}/trips/{tripKey}/history", History)
            .WithName("GetTripHistory")
            .WithSummary("Every change of one trip, with its hashes")
            .WithDescription("The trip log's rows of this trip, oldest first: detected, updated, withdrawn and classified, each with the trip as it stood, who, when, previous hash and hash.")
            .Produces<TripHistory>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        logbook.MapGet("/vehicles/{id}/logbook/verify", Verify)
            .WithName("VerifyLogbook")
            .WithSummary("Check the vehicle's trip log for changes and removals")
            .WithDescription("Recomputes every row's hash and chain link; names the first broken row. Rows removed from the newest end only show against an anchor: a headHash noted earlier, passed as anchor=.")
            .Produces<LogbookVerificationView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static IResult Trips(
        [Description("The vehicle's (box's) id.")] string id,
        [Description("Trips that started at or after this: ISO 8601 or unix ms. Default: to minus 30 days.")] string? from,
        [Description("Trips that started before this: ISO 8601 or unix ms. Default: now.")] string? to,
        [Description("Most trips in the answer: 1 to 10000, default 1000; nextFrom pages on.")] string? limit,
        [Description("json (default) or csv; Accept: text/csv also asks for CSV.")] string? format,
        HttpContext http,
        ClaimsPrincipal user,
        FleetReader fleet,
        GatewayDatabase database)
    {
        bool csv = QueryParameters.WantsCsv(format, http.Request);
        return List(id, from, to, limit, csv, http, user, fleet, database);
    }

    private static IResult TripsCsv(
        [Description("The vehicle's (box's) id.")] string id,
        [Description("Trips that started at or after this: ISO 8601 or unix ms. Default: to minus 30 days.")] string? from,
        [Description("Trips that started before this: ISO 8601 or unix ms. Default: now.")] string? to,
        [Description("Most trips in the file: 1 to 10000, default 1000; more trips in the range are a 400 (the file is never cut short).")] string? limit,
        HttpContext http,
        ClaimsPrincipal user,
        FleetReader fleet,
        GatewayDatabase database) =>
        List(id, from, to, limit, csv: true, http, user, fleet, database);

    private static IResult List(string id, string? from, string? to, string? limit, bool csv, HttpContext http, ClaimsPrincipal user, FleetReader fleet, GatewayDatabase database)
    {
        TimeRange range = ParseRange(from, to, DateTimeOffset.UtcNow);
        int count = QueryParameters.ParseLimit(limit, DefaultLimit, MaxLimit);
        string tenant = ApiKeyAuthenticationHandler.TenantOf(user);
        if (fleet.Vehicle(tenant, id) is null)
        {
            return ApiProblems.VehicleNotFound(id);
        }

        IReadOnlyList<LogbookTrip> found = new TripLogbook(database).Trips(tenant, id, range.FromMs, range.ToMs, count + 1);
        TripView[] trips = [.. found.Take(count).Select(TripView.From)];
        http.Response.Headers.Vary = "Accept";
        if (csv)
        {
            if (found.Count > count)
            {
                throw new BadParameterException("limit", $"from {UnixTime.Format(range.FromMs)} to {UnixTime.Format(range.ToMs)} holds more than {count} trips; raise limit (up to {MaxLimit}) or export a shorter range");
            }

            return TypedResults.Text(TripCsv.Write(trips), TelemetryCsv.ContentType);
        }

        DateTime? nextFrom = found.Count > count ? UnixTime.ToUtc(found[count].Trip.StartUnixMs) : null;
        return TypedResults.Ok(new TripList(id, UnixTime.ToUtc(range.FromMs), UnixTime.ToUtc(range.ToMs), trips, nextFrom));
    }

    private static async Task<IResult> Classify(
        [Description("The vehicle's (box's) id.")] string id,
        [Description(TripKeyText)] string tripKey,
        HttpContext http,
        ClaimsPrincipal user,
        FleetReader fleet,
        GatewayDatabase database)
    {
        TripClassificationRequest request = await ReadClassification(http);
        string key = NormalizeTripKey(tripKey);
        string tenant = ApiKeyAuthenticationHandler.TenantOf(user);
        try
        {
            string purpose = TripClassification.CheckPurpose(request.Purpose);
            TripClassification.CheckNote(request.Note);
            if (fleet.Vehicle(tenant, id) is null)
            {
                return ApiProblems.VehicleNotFound(id);
            }

            new TripClassification(database).Classify(tenant, id, key, purpose, request.Note, ActorOf(http.Request));
        }
        catch (ClassificationRefusedException refused)
        {
            return refused.Refusal switch
            {
                ClassificationRefusal.BadPurpose => ApiProblems.BadParameter(new BadParameterException("purpose", refused.Message)),
                ClassificationRefusal.BadNote => ApiProblems.BadParameter(new BadParameterException("note", refused.Message)),
                ClassificationRefusal.UnknownTrip => TypedResults.Problem(title: "Not found", detail: refused.Message, statusCode: StatusCodes.Status404NotFound),
                _ => TypedResults.Problem(title: "Conflict", detail: refused.Message, statusCode: StatusCodes.Status409Conflict),
            };
        }

        LogbookTrip trip = new TripLogbook(database).Find(tenant, id, key)
            ?? throw new InvalidOperationException($"trip {key} of {id} vanished right after it was classified");
        return TypedResults.Ok(TripView.From(trip));
    }

    private static IResult History(
        [Description("The vehicle's (box's) id.")] string id,
        [Description(TripKeyText)] string tripKey,
        ClaimsPrincipal user,
        FleetReader fleet,
        GatewayDatabase database)
    {
        string key = NormalizeTripKey(tripKey);
        if (fleet.Vehicle(ApiKeyAuthenticationHandler.TenantOf(user), id) is null)
        {
            return ApiProblems.VehicleNotFound(id);
        }

        using SqliteConnection connection = database.Open();
        IReadOnlyList<TripLogRow> rows = TripLog.History(connection, id, key);
        return rows.Count == 0
            ? TypedResults.Problem(title: "Not found", detail: $"no trip '{key}' in the logbook of vehicle '{id}'", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(new TripHistory(id, key, [.. rows.Select(TripLogRowView.From)]));
    }

    private static IResult Verify(
        [Description("The vehicle's (box's) id.")] string id,
        [Description("A headHash noted from an earlier verification: the answer says whether it is still in the chain (rows removed from the newest end show only this way).")] string? anchor,
        ClaimsPrincipal user,
        FleetReader fleet,
        GatewayDatabase database)
    {
        if (!string.IsNullOrWhiteSpace(anchor) && (anchor.Trim().Length != 64 || !anchor.Trim().All(char.IsAsciiHexDigit)))
        {
            throw new BadParameterException("anchor", $"'{anchor}' is not a head hash (64 hexadecimal digits, as headHash shows it)");
        }

        if (fleet.Vehicle(ApiKeyAuthenticationHandler.TenantOf(user), id) is null)
        {
            return ApiProblems.VehicleNotFound(id);
        }

        using SqliteConnection connection = database.Open();
        TripLogVerification result = TripLog.Verify(connection, id, anchor);
        return TypedResults.Ok(new LogbookVerificationView(id, result.Valid, result.Rows, result.HeadId, result.HeadHash, result.FirstBroken, result.Anchor));
    }

    /// <summary>"trip:{ms}" as given; a bare start in unix ms becomes "trip:{ms}" (handy where ':' is awkward).</summary>
    internal static string NormalizeTripKey(string tripKey)
    {
        string key = tripKey.Trim();
        return key.Length > 0 && key.All(char.IsAsciiDigit) ? "trip:" + key : key;
    }

    /// <summary>
    /// Who classified, for the log: "api-key:{id}" from the key the request authenticated with (the
    /// handler accepted it, so its id is the caller's), read with the handler's precedence; "api" if the
    /// key has another form.
    /// </summary>
    internal static string ActorOf(HttpRequest request)
    {
        string? authorization = request.Headers.Authorization;
        string? presented = authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? authorization["Bearer ".Length..].Trim()
            : request.Headers[ApiKeyAuthenticationHandler.HeaderName].ToString().Trim();
        return ApiKeyRegistry.TryParse(presented, out string? keyId, out _) ? "api-key:" + keyId : "api";
    }

    private static TimeRange ParseRange(string? from, string? to, DateTimeOffset now)
    {
        long toMs = string.IsNullOrWhiteSpace(to) ? now.ToUnixTimeMilliseconds() : QueryParameters.ParseTime("to", to);
        long fromMs = string.IsNullOrWhiteSpace(from) ? toMs - (long)TimeSpan.FromDays(DefaultRangeDays).TotalMilliseconds : QueryParameters.ParseTime("from", from);
        if (fromMs >= toMs)
        {
            throw new BadParameterException("from", $"from ({UnixTime.Format(fromMs)}) must be before to ({UnixTime.Format(toMs)})");
        }

        if (toMs - fromMs > (long)TimeSpan.FromDays(MaxRangeDays).TotalMilliseconds)
        {
            throw new BadParameterException("from", string.Create(CultureInfo.InvariantCulture, $"the range from {UnixTime.Format(fromMs)} to {UnixTime.Format(toMs)} is longer than the logbook's limit of {MaxRangeDays} days; ask for one year at a time"));
        }

        return new TimeRange(fromMs, toMs);
    }

    private static async Task<TripClassificationRequest> ReadClassification(HttpContext http)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<TripClassificationRequest>(http.Request.Body, JsonSerializerOptions.Web, http.RequestAborted)
                ?? throw new BadParameterException("body", "the body is null; send {\"purpose\": \"business\" or \"private\", \"note\": \"…\"}");
        }
        catch (JsonException error)
        {
            throw new BadParameterException("body", $"the body is not the JSON {{\"purpose\": \"business\" or \"private\", \"note\": \"…\"}}: {error.Message}");
        }
    }
}
