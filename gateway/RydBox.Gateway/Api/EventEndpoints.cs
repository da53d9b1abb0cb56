using System.ComponentModel;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using RydBox.Gateway.Events.Model;
using RydBox.Gateway.Events.Storage;

namespace RydBox.Gateway.Api;

/// <summary>
/// GET /api/v1/events and /api/v1/vehicles/{id}/vehicle-events: the events the gateway detected
/// (trips, towing, geofences, speeding, curfews, DTCs, low battery, offline), newest first.
/// </summary>
internal static class EventEndpoints
{
    /// <summary>
    /// One vehicle's detected events. Not /vehicles/{id}/events: that path is the box's own raw events
    /// (ignition, tow alarm …, <see cref="VehicleEndpoints"/>).
    /// </summary>
    public const string VehiclePath = "/vehicles/{id}/vehicle-events";

    private const int DefaultLimit = 100;
    private const int MaxLimit = 1000;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/events", List)
            .WithName("ListVehicleEvents")
            .WithSummary("Events the gateway detected for the tenant's vehicles, newest first")
            .WithDescription("Trips, towing, geofence crossings, speeding, curfews, DTCs, low battery and offline, each in its latest version; an episode still going on has end null. Filter by vehicle, kind and start time.")
            .Produces<VehicleEventList>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet(VehiclePath, ListForVehicle)
            .WithName("ListEventsOfVehicle")
            .WithSummary("Events the gateway detected for one vehicle, newest first")
            .WithDescription("As GET /api/v1/events?vehicle={id}.")
            .Produces<VehicleEventList>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static VehicleEventView View(StoredEvent stored)
    {
        VehicleEvent e = stored.Event;
        using JsonDocument body = JsonDocument.Parse(EventJson.Serialize(e));
        return new VehicleEventView(
            stored.DeviceId,
            e.Kind,
            e.Key,
            UnixTime.ToUtc(e.StartUnixMs),
            e.EndUnixMs is long end ? UnixTime.ToUtc(end) : null,
            e.IsOpen,
            stored.Withdrawn?.UtcDateTime,
            stored.Updated.UtcDateTime,
            body.RootElement.Clone());
    }

    private static IResult List(
        [Description("Only this vehicle's (box id).")] string? vehicle,
        [Description(Text.Kind)] string? kind,
        [Description(Text.From)] string? from,
        [Description(Text.To)] string? to,
        [Description(Text.Limit)] string? limit,
        [Description(Text.IncludeWithdrawn)] string? includeWithdrawn,
        ClaimsPrincipal user,
        FleetReader fleet,
        [FromServices] VehicleEventStore store) =>
        Answer(string.IsNullOrWhiteSpace(vehicle) ? null : vehicle.Trim(), kind, from, to, limit, includeWithdrawn, user, fleet, store);

    private static IResult ListForVehicle(
        [Description("The vehicle's (box's) id.")] string id,
        [Description(Text.Kind)] string? kind,
        [Description(Text.From)] string? from,
        [Description(Text.To)] string? to,
        [Description(Text.Limit)] string? limit,
        [Description(Text.IncludeWithdrawn)] string? includeWithdrawn,
        ClaimsPrincipal user,
        FleetReader fleet,
        [FromServices] VehicleEventStore store) =>
        Answer(id, kind, from, to, limit, includeWithdrawn, user, fleet, store);

    private static IResult Answer(
        string? vehicle, string? kind, string? from, string? to, string? limit, string? includeWithdrawn, ClaimsPrincipal user, FleetReader fleet, VehicleEventStore store)
    {
        string tenant = ApiKeyAuthenticationHandler.TenantOf(user);
        var query = new EventQuery(
            tenant,
            vehicle,
            ParseKind(kind),
            string.IsNullOrWhiteSpace(from) ? null : DateTimeOffset.FromUnixTimeMilliseconds(QueryParameters.ParseTime("from", from)),
            string.IsNullOrWhiteSpace(to) ? null : DateTimeOffset.FromUnixTimeMilliseconds(QueryParameters.ParseTime("to", to)),
            ParseFlag("includeWithdrawn", includeWithdrawn),
            QueryParameters.ParseLimit(limit, DefaultLimit, MaxLimit));
        if (query.From >= query.To)
        {
            throw new BadParameterException("from", $"from ({UnixTime.Format(query.From!.Value.ToUnixTimeMilliseconds())}) must be before to ({UnixTime.Format(query.To!.Value.ToUnixTimeMilliseconds())})");
        }

        if (vehicle is not null && fleet.Vehicle(tenant, vehicle) is null)
        {
            return ApiProblems.VehicleNotFound(vehicle);
        }

        return TypedResults.Ok(new VehicleEventList([.. store.List(query).Select(View)]));
    }

    private static string? ParseKind(string? kind)
    {
        if (string.IsNullOrWhiteSpace(kind))
        {
            return null;
        }

        string text = kind.Trim().ToLowerInvariant();
        return EventKinds.All.Contains(text, StringComparer.Ordinal)
            ? text
            : throw new BadParameterException("kind", $"'{kind}' is not an event kind; use one of {string.Join(", ", EventKinds.All)}");
    }

    private static bool ParseFlag(string parameter, string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "false" or "0" => false,
        "true" or "1" => true,
        _ => throw new BadParameterException(parameter, $"'{value}' is neither true nor false"),
    };

    private static class Text
    {
        public const string Kind = "Only events of this kind: trip, towing, geofence, speeding, curfew, dtc, low_battery or offline.";
        public const string From = "Only episodes that started at or after this time: ISO 8601 (no offset means UTC) or unix milliseconds. Default: no lower bound.";
        public const string To = "Only episodes that started before this time: ISO 8601 or unix milliseconds. Default: no upper bound.";
        public const string Limit = "How many, newest first: 1 to 1000, default 100. For older ones ask again with to = the start of the last one.";
        public const string IncludeWithdrawn = "true to list events late data withdrew (withdrawn is then set). Default false.";
    }
}
