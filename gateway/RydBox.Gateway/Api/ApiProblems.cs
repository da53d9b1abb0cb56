namespace RydBox.Gateway.Api;

/// <summary>The API's error answers: RFC 9457 problem+json with a title, a detail a person can act on and, for 400, the parameter.</summary>
internal static class ApiProblems
{
    public static IResult BadParameter(BadParameterException error) =>
        TypedResults.Problem(
            title: "Bad parameter",
            detail: error.Message,
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["parameter"] = error.Parameter });

    /// <summary>Same answer for a vehicle that does not exist and one of another tenant, so ids do not leak.</summary>
    public static IResult VehicleNotFound(string id) =>
        TypedResults.Problem(
            title: "Not found",
            detail: $"no vehicle '{id}' for this API key",
            statusCode: StatusCodes.Status404NotFound);
}
