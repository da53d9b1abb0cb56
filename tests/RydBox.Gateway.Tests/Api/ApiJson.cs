using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RydBox.Gateway.Tests.Api;

/// <summary>Answers as JSON trees, compared with whole expected documents so nothing extra or missing slips through.</summary>
internal static class ApiJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<(HttpStatusCode Status, string? MediaType, JsonNode? Body)> GetAsync(HttpClient client, string path)
    {
        using HttpResponseMessage response = await client.GetAsync(path);
        string text = await response.Content.ReadAsStringAsync();
        string? mediaType = response.Content.Headers.ContentType?.MediaType;
        bool json = mediaType is not null && mediaType.EndsWith("json", StringComparison.Ordinal);
        return (response.StatusCode, mediaType, json && text.Length > 0 ? JsonNode.Parse(text) : null);
    }

    /// <summary>GET expecting 200 with JSON.</summary>
    public static async Task<JsonNode> OkAsync(HttpClient client, string path)
    {
        (HttpStatusCode status, _, JsonNode? body) = await GetAsync(client, path);
        status.Should().Be(HttpStatusCode.OK, because: body?.ToJsonString());
        return body!;
    }

    public static void ShouldEqualJson(this JsonNode? actual, string expected)
    {
        JsonNode? wanted = JsonNode.Parse(expected);
        if (!JsonNode.DeepEquals(actual, wanted))
        {
            string shown = actual?.ToJsonString(Indented) ?? "null";
            shown.Should().Be(wanted!.ToJsonString(Indented), "the answer must be exactly what was stored");
        }
    }

    public static string Iso(long unixMs) => DateTime.UnixEpoch.AddMilliseconds(unixMs).ToString("yyyy-MM-dd'T'HH:mm:ss.FFF'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
