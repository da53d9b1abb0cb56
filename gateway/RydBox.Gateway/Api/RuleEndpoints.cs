using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using RydBox.Gateway.Events.Detectors.Curfew;
using RydBox.Gateway.Events.Detectors.Geofences;
using RydBox.Gateway.Events.Model;
using RydBox.Gateway.Events.Rules;

namespace RydBox.Gateway.Api;

/// <summary>/api/v1/geofences and /api/v1/curfews: the tenant's family-safety rules, for every vehicle or one.</summary>
internal static class RuleEndpoints
{
    private const string VehicleFilter = "Only the rules watching this vehicle (box id): the tenant-wide ones and its own.";

    public static void Map(RouteGroupBuilder api)
    {
        RouteGroupBuilder geofences = api.MapGroup("/geofences").WithTags("Rules").AddEndpointFilter(RuleProblems.Filter);
        geofences.MapPost("", AddGeofence)
            .WithName("AddGeofence")
            .WithSummary("Add a geofence (circle or polygon) for every vehicle or one")
            .WithDescription("Enter and exit events follow for the vehicles it watches. Body: {name, vehicle?, circle {latitude, longitude, radiusMetres}} or {name, vehicle?, polygon [[latitude, longitude], …]} (at least 3 vertices, not crossing itself).")
            .Accepts<GeofenceRequest>("application/json")
            .Produces<GeofenceView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        geofences.MapGet("", ListGeofences)
            .WithName("ListGeofences")
            .WithSummary("The tenant's geofences")
            .Produces<GeofenceList>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        geofences.MapGet("/{id}", GetGeofence)
            .WithName("GetGeofence")
            .WithSummary("One geofence")
            .Produces<GeofenceView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        geofences.MapDelete("/{id}", RemoveGeofence)
            .WithName("RemoveGeofence")
            .WithSummary("Remove a geofence")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        RouteGroupBuilder curfews = api.MapGroup("/curfews").WithTags("Rules").AddEndpointFilter(RuleProblems.Filter);
        curfews.MapPost("", AddCurfew)
            .WithName("AddCurfew")
            .WithSummary("Add a curfew for every vehicle or one")
            .WithDescription("Driving inside the window raises a curfew event. Body: {name, vehicle?, days [\"monday\", …], start \"22:00\", end \"06:00\", timeZone \"Europe/Berlin\"}; an end at or before the start runs past midnight into the next day.")
            .Accepts<CurfewRequest>("application/json")
            .Produces<CurfewView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        curfews.MapGet("", ListCurfews)
            .WithName("ListCurfews")
            .WithSummary("The tenant's curfews")
            .Produces<CurfewList>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        curfews.MapGet("/{id}", GetCurfew)
            .WithName("GetCurfew")
            .WithSummary("One curfew")
            .Produces<CurfewView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        curfews.MapDelete("/{id}", RemoveCurfew)
            .WithName("RemoveCurfew")
            .WithSummary("Remove a curfew")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static GeofenceView View(GeofenceRule rule)
    {
        Geofence fence = rule.Fence;
        return fence.Shape == GeofenceShape.Circle
            ? new GeofenceView(rule.Id, fence.Name, rule.DeviceId, "circle", new CircleBody(fence.Centre!.Latitude, fence.Centre.Longitude, fence.RadiusMetres), null, rule.Created.UtcDateTime)
            : new GeofenceView(rule.Id, fence.Name, rule.DeviceId, "polygon", null, [.. fence.Vertices!.Select(v => new[] { v.Latitude, v.Longitude })], rule.Created.UtcDateTime);
    }

    public static CurfewView View(CurfewRule rule) => new(
        rule.Id,
        rule.Window.Name,
        rule.DeviceId,
        [.. rule.Window.Days.Select(CurfewText.Name)],
        CurfewText.Format(rule.Window.Start),
        CurfewText.Format(rule.Window.End),
        rule.Window.TimeZoneId,
        rule.Created.UtcDateTime);

    private static async Task<IResult> AddGeofence(HttpRequest request, ClaimsPrincipal user, [FromServices] GeofenceRegistry registry)
    {
        GeofenceRequest body = await RuleProblems.ReadBodyAsync<GeofenceRequest>(request);
        GeofenceRule rule = registry.Add(ApiKeyAuthenticationHandler.TenantOf(user), body.Vehicle, Fence(body));
        return TypedResults.Created($"/api/v1/geofences/{rule.Id}", View(rule));
    }

    private static IResult ListGeofences([Description(VehicleFilter)] string? vehicle, ClaimsPrincipal user, [FromServices] GeofenceRegistry registry) =>
        TypedResults.Ok(new GeofenceList([.. registry.List(ApiKeyAuthenticationHandler.TenantOf(user), vehicle).Select(View)]));

    private static IResult GetGeofence([Description("The geofence's id (gf_…).")] string id, ClaimsPrincipal user, [FromServices] GeofenceRegistry registry) =>
        registry.Get(ApiKeyAuthenticationHandler.TenantOf(user), id) is { } rule ? TypedResults.Ok(View(rule)) : RuleProblems.NotFound("geofence", id);

    private static IResult RemoveGeofence([Description("The geofence's id (gf_…).")] string id, ClaimsPrincipal user, [FromServices] GeofenceRegistry registry) =>
        registry.Remove(ApiKeyAuthenticationHandler.TenantOf(user), id) ? TypedResults.NoContent() : RuleProblems.NotFound("geofence", id);

    private static async Task<IResult> AddCurfew(HttpRequest request, ClaimsPrincipal user, [FromServices] CurfewRegistry registry)
    {
        CurfewRequest body = await RuleProblems.ReadBodyAsync<CurfewRequest>(request);
        var window = new CurfewWindow(
            body.Name ?? "",
            CurfewText.ParseDays(body.Days),
            CurfewText.ParseTime("start", body.Start),
            CurfewText.ParseTime("end", body.End),
            body.TimeZone ?? "");
        CurfewRule rule = registry.Add(ApiKeyAuthenticationHandler.TenantOf(user), body.Vehicle, window);
        return TypedResults.Created($"/api/v1/curfews/{rule.Id}", View(rule));
    }

    private static IResult ListCurfews([Description(VehicleFilter)] string? vehicle, ClaimsPrincipal user, [FromServices] CurfewRegistry registry) =>
        TypedResults.Ok(new CurfewList([.. registry.List(ApiKeyAuthenticationHandler.TenantOf(user), vehicle).Select(View)]));

    private static IResult GetCurfew([Description("The curfew's id (cf_…).")] string id, ClaimsPrincipal user, [FromServices] CurfewRegistry registry) =>
        registry.Get(ApiKeyAuthenticationHandler.TenantOf(user), id) is { } rule ? TypedResults.Ok(View(rule)) : RuleProblems.NotFound("curfew", id);

    private static IResult RemoveCurfew([Description("The curfew's id (cf_…).")] string id, ClaimsPrincipal user, [FromServices] CurfewRegistry registry) =>
        registry.Remove(ApiKeyAuthenticationHandler.TenantOf(user), id) ? TypedResults.NoContent() : RuleProblems.NotFound("curfew", id);

    /// <summary>The body's shape as the detector's geofence (its id is given by the registry).</summary>
    private static Geofence Fence(GeofenceRequest body)
    {
        string name = body.Name ?? "";
        return (body.Circle, body.Polygon) switch
        {
            (null, null) => throw new BadParameterException("body", "a geofence needs a circle {latitude, longitude, radiusMetres} or a polygon [[latitude, longitude], …]"),
            (not null, not null) => throw new BadParameterException("body", "give a circle or a polygon, not both"),
            ({ } circle, null) => Geofence.Circle(
                "",
                name,
                new Place(
                    circle.Latitude ?? throw new BadParameterException("circle.latitude", "the circle needs a latitude"),
                    circle.Longitude ?? throw new BadParameterException("circle.longitude", "the circle needs a longitude")),
                circle.RadiusMetres ?? throw new BadParameterException("circle.radiusMetres", "the circle needs a radiusMetres")),
            (null, { } polygon) => Geofence.Polygon("", name, [.. polygon.Select(Vertex)]),
        };
    }

    private static Place Vertex(double[]? vertex, int index) =>
        vertex is [double latitude, double longitude]
            ? new Place(latitude, longitude)
            : throw new BadParameterException("polygon", $"vertex {index} must be [latitude, longitude]");
}
