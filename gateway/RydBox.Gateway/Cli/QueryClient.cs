using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;

namespace RydBox.Gateway.Cli;

/// <summary>The `query` commands' HTTP side: one request to a gateway's API, its failures turned into messages a person can act on.</summary>
internal sealed class QueryClient : IDisposable
{
    public const string DefaultUrl = "http://127.0.0.1:5080";
    public const string KeyVariable = "RYDBOX_API_KEY";

    private readonly HttpClient _http;
    private readonly Uri _baseAddress;

    private QueryClient(Uri baseAddress, string key)
    {
        _baseAddress = baseAddress;
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
    }

    /// <exception cref="QueryFailure">For a URL that is not http(s) or no key.</exception>
    public static QueryClient Create(string? url, string? key)
    {
        string address = string.IsNullOrWhiteSpace(url) ? DefaultUrl : url.Trim();
        if (!Uri.TryCreate(address.EndsWith('/') ? address : address + "/", UriKind.Absolute, out Uri? baseAddress)
            || (baseAddress.Scheme != Uri.UriSchemeHttp && baseAddress.Scheme != Uri.UriSchemeHttps))
        {
            throw new QueryFailure($"--url '{address}' is not an http:// or https:// address of a gateway (e.g. {DefaultUrl})");
        }

        string? apiKey = string.IsNullOrWhiteSpace(key) ? Environment.GetEnvironmentVariable(KeyVariable) : key;
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            throw new QueryFailure($"no API key: pass --key rbk_… or set {KeyVariable} to an API key of your tenant");
        }

        return new QueryClient(baseAddress, apiKey.Trim());
    }

    /// <summary>The body of a successful answer to GET <paramref name="relative"/> (no leading slash).</summary>
    /// <exception cref="QueryFailure">When the gateway cannot be reached or refuses.</exception>
    public Task<string> GetAsync(string relative, string accept, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, relative, body: null, accept, cancellationToken);

    /// <summary>The body of a successful answer to <paramref name="method"/> <paramref name="relative"/>, with a JSON <paramref name="body"/> if given.</summary>
    /// <exception cref="QueryFailure">When the gateway cannot be reached or refuses.</exception>
    public async Task<string> SendAsync(HttpMethod method, string relative, string? body, string accept, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, relative);
        request.Headers.Accept.ParseAdd(accept);
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException error) when (IsRefused(error))
        {
            throw new QueryFailure($"cannot reach the gateway at {Origin}: connection refused. Is the gateway running? Start it with 'rydbox-gateway serve', or point --url at it.");
        }
        catch (HttpRequestException error)
        {
            throw new QueryFailure($"cannot reach the gateway at {Origin}: {error.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new QueryFailure($"the gateway at {Origin} did not answer within {_http.Timeout.TotalSeconds:0} s");
        }

        using (response)
        {
            string text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return text;
            }

            string detail = ProblemDetail(text) ?? response.ReasonPhrase ?? "no detail";
            throw response.StatusCode switch
            {
                HttpStatusCode.Unauthorized => new QueryFailure($"the gateway refused the API key (401): {detail}. Pass a key of your tenant with --key or {KeyVariable}."),
                HttpStatusCode.NotFound => new QueryFailure($"not found (404): {detail}"),
                HttpStatusCode.BadRequest => new QueryFailure($"bad request (400): {detail}"),
                HttpStatusCode.Conflict => new QueryFailure($"refused (409): {detail}"),
                _ => new QueryFailure($"the gateway answered {(int)response.StatusCode} {response.ReasonPhrase}: {detail}"),
            };
        }
    }

    public void Dispose() => _http.Dispose();

    private string Origin => _baseAddress.GetLeftPart(UriPartial.Authority);

    private static bool IsRefused(HttpRequestException error) =>
        error.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused }
        || (error.HttpRequestError == HttpRequestError.ConnectionError && error.InnerException is SocketException);

    private static string? ProblemDetail(string body)
    {
        try
        {
            using JsonDocument problem = JsonDocument.Parse(body);
            return problem.RootElement.ValueKind == JsonValueKind.Object
                && problem.RootElement.TryGetProperty("detail", out JsonElement detail) && detail.ValueKind == JsonValueKind.String
                    ? detail.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return string.IsNullOrWhiteSpace(body) ? null : body.Trim();
        }
    }
}

/// <summary>A `query` that could not be answered; its message is what the user reads.</summary>
internal sealed class QueryFailure(string message) : Exception(message);
