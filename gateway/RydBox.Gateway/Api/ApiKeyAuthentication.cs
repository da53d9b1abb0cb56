using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using RydBox.Gateway.Identity;

namespace RydBox.Gateway.Api;

/// <summary>
/// API keys ("rbk_{id}_{secret}") in <c>Authorization: Bearer …</c> or <c>X-Api-Key</c>. The key decides the
/// tenant (through <see cref="IApiKeyAuthenticator"/>); nothing in the URL does. A missing or refused key
/// is answered 401 problem+json.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string TenantClaim = "rydbox:tenant";

    /// <summary>The tenant the request's key belongs to (endpoints behind authorization always have one).</summary>
    public static string TenantOf(ClaimsPrincipal user) =>
        user.FindFirstValue(TenantClaim) ?? throw new InvalidOperationException("the request was not authenticated with an API key");

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? key = PresentedKey(Request);
        if (key is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        IApiKeyAuthenticator? authenticator = Context.RequestServices.GetService<IApiKeyAuthenticator>();
        if (authenticator is null)
        {
            Logger.LogError("no IApiKeyAuthenticator is registered: every API request is refused");
            return Task.FromResult(AuthenticateResult.Fail("this gateway has no API key store configured"));
        }

        string? tenant = authenticator.TenantOf(key);
        if (tenant is null)
        {
            Logger.LogInformation("refused an API key for {Path}", Request.Path);
            return Task.FromResult(AuthenticateResult.Fail("the API key is unknown, revoked or malformed"));
        }

        var identity = new ClaimsIdentity([new Claim(TenantClaim, tenant)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        AuthenticateResult result = await HandleAuthenticateOnceSafeAsync();
        string detail = result.Failure?.Message
            ?? $"this request needs an API key: send 'Authorization: Bearer rbk_…' or '{HeaderName}: rbk_…'";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"rydbox\"";
        await Results.Problem(title: "Unauthorized", detail: detail, statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(Context);
    }

    private static string? PresentedKey(HttpRequest request)
    {
        string? authorization = request.Headers.Authorization;
        if (authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            string token = authorization["Bearer ".Length..].Trim();
            return token.Length > 0 ? token : null;
        }

        string? header = request.Headers[HeaderName];
        return string.IsNullOrWhiteSpace(header) ? null : header.Trim();
    }
}
