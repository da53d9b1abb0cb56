using System.Text.Json;
using RydBox.Gateway.Identity;

namespace RydBox.Gateway.Api;

/// <summary>
/// The answers of the endpoints that change things (rules, webhooks): refusals of the registries
/// (<see cref="IdentityException"/>) as problem+json, and request bodies read with a 400 that says
/// what is wrong instead of the framework's bare one.
/// </summary>
internal static class RuleProblems
{
    private static readonly JsonSerializerOptions BodyOptions = new(JsonSerializerDefaults.Web);

    /// <summary>For a route group: Invalid → 400, NotFound → 404, Duplicate → 409, with the registry's message as the detail.</summary>
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (IdentityException error)
        {
            return error.Error switch
            {
                IdentityError.NotFound => TypedResults.Problem(title: "Not found", detail: error.Message, statusCode: StatusCodes.Status404NotFound),
                IdentityError.Duplicate => TypedResults.Problem(title: "Conflict", detail: error.Message, statusCode: StatusCodes.Status409Conflict),
                _ => TypedResults.Problem(title: "Invalid request", detail: error.Message, statusCode: StatusCodes.Status400BadRequest),
            };
        }
    }

    /// <summary>Same answer for an id that does not exist and one of another tenant, so ids do not leak.</summary>
    public static IResult NotFound(string what, string id) =>
        TypedResults.Problem(title: "Not found", detail: $"no {what} '{id}' for this API key", statusCode: StatusCodes.Status404NotFound);

    /// <exception cref="BadParameterException">An empty body or not the JSON object expected ("body").</exception>
    public static async Task<T> ReadBodyAsync<T>(HttpRequest request)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, BodyOptions, request.HttpContext.RequestAborted)
                ?? throw new BadParameterException("body", "the body is null; send a JSON object");
        }
        catch (JsonException error)
        {
            string where = error.Path is { Length: > 1 } path ? $" at {path}" : "";
            throw new BadParameterException("body", $"not the JSON object expected{where}: {FirstSentence(error.Message)}");
        }
    }

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
