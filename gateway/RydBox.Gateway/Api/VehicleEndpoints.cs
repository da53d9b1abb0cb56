using System.ComponentModel;
using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace RydBox.Gateway.Api;

/// <summary>GET /api/v1/vehicles, /vehicles/{id}, /vehicles/{id}/latest and /vehicles/{id}/events.</summary>
internal static class VehicleEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/vehicles", ListVehicles)
            .WithName("ListVehicles")
            .WithSummary("The tenant's vehicles")
            .WithDescription("Every vehicle (box) of the API key's tenant: id, name, VIN, online status and when it was last seen.")
            .Produces<VehicleList>();
        api.MapGet("/vehicles/{id}", GetVehicle)
            .WithName("GetVehicle")
            .WithSummary("One vehicle")
            .Produces<VehicleInfo>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/vehicles/{id}/latest", Latest)
            .WithName("GetLatest")
            .WithSummary("The on-board computer: every signal's latest value")
            .WithDescription("Latest value, unit and time of each signal the vehicle sent, its last position and whether it is online.")
            .Produces<LatestView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/vehicles/{id}/events", Events)
            .WithName("GetEvents")
            .WithSummary("Events the box raised (ignition, towing, DTCs, battery…)")
            .Produces<EventList>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static IResult ListVehicles(ClaimsPrincipal user, FleetReader fleet) =>
        TypedResults.Ok(new VehicleList(fleet.Vehicles(ApiKeyAuthenticationHandler.TenantOf(user))));

    private static IResult GetVehicle([Description("The vehicle's (box's) id.")] string id, ClaimsPrincipal user, FleetReader fleet) =>
        fleet.Vehicle(ApiKeyAuthenticationHandler.TenantOf(user), id) is { } vehicle ? TypedResults.Ok(vehicle.Info) : ApiProblems.VehicleNotFound(id);

    private static IResult Latest([Description("The vehicle's (box's) id.")] string id, ClaimsPrincipal user, FleetReader fleet)
    {
        if (fleet.Vehicle(ApiKeyAuthenticationHandler.TenantOf(user), id) is not { } vehicle)
        {
            return ApiProblems.VehicleNotFound(id);
        }

        IReadOnlyList<LatestSignal> signals = fleet.Latest(id);
        VehicleInfo info = vehicle.Info;
        return TypedResults.Ok(new LatestView(id, info.Name, info.Vin, info.Online, info.LastSeen, info.Firmware, vehicle.Protocol, FleetReader.PositionOf(signals), signals));
    }

    private static IResult Events(
        [Description("The vehicle's (box's) id.")] string id,
        [Description(ApiText.From)] string? from,
        [Description(ApiText.To)] string? to,
        ClaimsPrincipal user,
        FleetReader fleet,
        IOptions<ApiQueryOptions> options)
    {
        ApiQueryOptions limits = options.Value;
        TimeRange range = QueryParameters.ParseRange(from, to, limits, DateTimeOffset.UtcNow);
        if (fleet.Vehicle(ApiKeyAuthenticationHandler.TenantOf(user), id) is null)
        {
            return ApiProblems.VehicleNotFound(id);
        }

        IReadOnlyList<BoxEventView> events = fleet.Events(id, range, limits.MaxRows + 1);
        if (events.Count > limits.MaxRows)
        {
            throw new BadParameterException("to", $"from {UnixTime.Format(range.FromMs)} to {UnixTime.Format(range.ToMs)} holds more than {limits.MaxRows} events, the limit of one answer; narrow the range");
        }

        return TypedResults.Ok(new EventList(id, UnixTime.ToUtc(range.FromMs), UnixTime.ToUtc(range.ToMs), events));
    }
}

/// <summary>Parameter descriptions the OpenAPI document shows.</summary>
internal static class ApiText
{
    public const string From = "Start of the range, inclusive: ISO 8601 (2025-03-01T10:00:00Z; no offset means UTC) or unix milliseconds. Default: to minus 24 hours.";
    public const string To = "End of the range, exclusive: ISO 8601 or unix milliseconds. Default: now.";
}
