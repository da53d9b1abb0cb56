using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace RydBox.Gateway.Cli;

/// <summary>
/// The `query logbook` commands' HTTP side: <see cref="QueryClient"/>'s rules (same --url and key checks,
/// same messages) for any method, because classifying is a PUT and QueryClient only GETs.
/// </summary>
internal sealed class LogbookClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _baseAddress;

    private LogbookClient(Uri baseAddress, string key)
    {
        _baseAddress = baseAddress;
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
    }

    /// <exception cref="QueryFailure">For a URL that is not http(s) or no key (QueryClient's checks and messages).</exception>
    public static LogbookClient Create(string? url, string? key)
    {
        // QueryClient decides what a usable --url and key are; only its verdict is used here.
        QueryClient.Create(url, key).Dispose();
        string address = string.IsNullOrWhiteSpace(url) ? QueryClient.DefaultUrl : url.Trim();
        string apiKey = string.IsNullOrWhiteSpace(key) ? Environment.GetEnvironmentVariable(QueryClient.KeyVariable)! : key;
        return new LogbookClient(new Uri(address.EndsWith('/') ? address : address + "/"), apiKey.Trim());
    }

    /// <summary>The body of a successful answer to <paramref name="method"/> <paramref name="relative"/> (no leading slash), with a JSON <paramref name="body"/> if given.</summary>
    /// <exception cref="QueryFailure">When the gateway cannot be reached or refuses.</exception>
    public async Task<string> SendAsync(HttpMethod method, string relative, string? body, string accept, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, relative);
        request.Headers.Accept.ParseAdd(accept);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException error) when (error.InnerException is SocketException)
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
                HttpStatusCode.Unauthorized => new QueryFailure($"the gateway refused the API key (401): {detail}. Pass a key of your tenant with --key or {QueryClient.KeyVariable}."),
                HttpStatusCode.NotFound => new QueryFailure($"not found (404): {detail}"),
                HttpStatusCode.BadRequest => new QueryFailure($"bad request (400): {detail}"),
                HttpStatusCode.Conflict => new QueryFailure($"refused (409): {detail}"),
                _ => new QueryFailure($"the gateway answered {(int)response.StatusCode} {response.ReasonPhrase}: {detail}"),
            };
        }
    }

    public void Dispose() => _http.Dispose();

    private string Origin => _baseAddress.GetLeftPart(UriPartial.Authority);

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
