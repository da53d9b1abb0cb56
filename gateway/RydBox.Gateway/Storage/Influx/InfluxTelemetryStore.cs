using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using InfluxDB.Client;
using InfluxDB.Client.Core.Exceptions;
using InfluxDB.Client.Writes;
using Microsoft.Extensions.Logging.Abstractions;
using RydBox.Contract;
using RydBox.Gateway.Hosting;

namespace RydBox.Gateway.Storage.Influx;

/// <summary>
/// Telemetry in InfluxDB, one point per sample (see <see cref="SignalFields"/> for the schema).
/// <list type="bullet">
/// <item>V1 (InfluxDB 1.x, Debian's 1.6 included): <c>POST /write?db=…&amp;precision=ms</c> with line
/// protocol over plain HttpClient, user and password as HTTP Basic; the database is created at
/// start when missing and allowed.</item>
/// <item>V2 (InfluxDB 1.8+, 2.x, 3.x, Cloud): writes through InfluxDB.Client's WriteApiAsync with
/// token, organisation and bucket; erasure through its DeleteApi (<c>/api/v2/delete</c>).</item>
/// </list>
/// Reads are InfluxQL on <c>/query</c> for both (2.x and 3.x keep it as their 1.x compatibility
/// API; the V2 store queries the database named like its bucket, with the token). Writes are
/// idempotent: a point is keyed by series and time, so a batch written again overwrites itself.
/// Unreachable, overloaded (429) and failing (5xx) servers are retried with backoff; every other
/// failure throws <see cref="InfluxStoreException"/> at once with the server's own words.
/// </summary>
public sealed class InfluxTelemetryStore : ITelemetryStore, IDisposable
{
    private const int QueryChunkSize = 10_000;

    /// <summary>For v2 deletes: a stop just under the cutoff, whether the server reads stop as inclusive or not.</summary>
    private static readonly TimeSpan JustBefore = TimeSpan.FromTicks(1);

    private readonly InfluxOptions _options;
    private readonly InfluxStoreTuning _tuning;
    private readonly ILogger _logger;
    private readonly Uri _baseAddress;
    private readonly HttpClient _http;
    private readonly Lazy<InfluxDBClient> _v2Client;
    private readonly SemaphoreSlim _prepare = new(1, 1);
    private volatile bool _prepared;

    public InfluxTelemetryStore(InfluxOptions options, InfluxStoreTuning? tuning = null, ILogger<InfluxTelemetryStore>? logger = null)
    {
        _options = options;
        _tuning = tuning ?? new InfluxStoreTuning();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out Uri? url) || url.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"Storage:Influx:Url \"{options.Url}\" is not an http:// or https:// address");
        }

        _baseAddress = url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
        if (options.ApiVersion == InfluxApiVersion.V2)
        {
            foreach ((string key, string? value) in new[] { ("Token", options.Token), ("Organization", options.Organization), ("Bucket", options.Bucket) })
            {
                if (string.IsNullOrEmpty(value))
                {
                    throw new InvalidOperationException(
                        $"Storage:Influx:{key} is required with ApiVersion V2 (InfluxDB 1.8: Token \"user:password\", Organization \"-\", Bucket \"database/retention-policy\")");
                }
            }
        }
        else if (string.IsNullOrEmpty(options.Database))
        {
            throw new InvalidOperationException("Storage:Influx:Database is required with ApiVersion V1");
        }

        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan, // each try has its own deadline (_tuning.Timeout)
        };
        _v2Client = new Lazy<InfluxDBClient>(() => new InfluxDBClient(new InfluxDBClientOptions(_baseAddress.AbsoluteUri)
        {
            Token = options.Token,
            Org = options.Organization,
            Bucket = options.Bucket,
            Timeout = _tuning.Timeout,
        }));
    }

    /// <summary>Where this store writes: "database rydbox" (V1) or "bucket rydbox of org acme" (V2), for messages.</summary>
    public string Target => _options.ApiVersion == InfluxApiVersion.V1
        ? $"database '{_options.Database}'"
        : $"bucket '{_options.Bucket}' of organisation '{_options.Organization}'";

    private string Server => _baseAddress.AbsoluteUri.TrimEnd('/');

    /// <summary>
    /// Gets the server ready: V1 creates the database when it is missing (CREATE DATABASE does
    /// nothing to an existing one) unless CreateDatabase is off or the user is no admin; V2 has
    /// nothing to prepare (buckets are made by their owners). Called once before the first
    /// operation, and by the host at start.
    /// </summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (_prepared)
        {
            return;
        }

        await _prepare.WaitAsync(cancellationToken);
        try
        {
            if (_prepared)
            {
                return;
            }

            if (_options.ApiVersion == InfluxApiVersion.V1 && _tuning.CreateDatabase)
            {
                await CreateDatabaseAsync(cancellationToken);
            }

            _prepared = true;
        }
        finally
        {
            _prepare.Release();
        }
    }

    public async Task WriteAsync(IReadOnlyList<IngestedBatch> batches, CancellationToken cancellationToken)
    {
        var points = new List<(IngestedBatch Batch, TelemetrySample Sample)>();
        int unstorable = 0;
        foreach (IngestedBatch batch in batches)
        {
            LineProtocol.CheckTagValue("device id", batch.DeviceId);
            LineProtocol.CheckTagValue("tenant id", batch.TenantId);
            foreach (TelemetrySample sample in batch.Message.Samples)
            {
                if (LineProtocol.IsStorable(sample.UnixMilliseconds))
                {
                    points.Add((batch, sample));
                }
                else
                {
                    unstorable++;
                }
            }
        }

        if (unstorable > 0)
        {
            // A write with such a time is refused whole; the batch would never get through.
            _logger.LogWarning("Skipped {Count} samples with times InfluxDB cannot store (before 1677 or after 2262)", unstorable);
        }

        if (points.Count == 0)
        {
            return;
        }

        await PrepareAsync(cancellationToken);
        for (int start = 0; start < points.Count; start += _tuning.BatchPoints)
        {
            List<(IngestedBatch Batch, TelemetrySample Sample)> chunk = points.GetRange(start, Math.Min(_tuning.BatchPoints, points.Count - start));
            if (_options.ApiVersion == InfluxApiVersion.V1)
            {
                await WriteV1Async(chunk, cancellationToken);
            }
            else
            {
                await WriteV2Async(chunk, cancellationToken);
            }
        }
    }

    public async Task<IReadOnlyList<TelemetrySample>> ReadAsync(string deviceId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        long first = Math.Max(from.ToUnixTimeMilliseconds(), LineProtocol.MinMilliseconds);
        long last = Math.Min(to.ToUnixTimeMilliseconds() - 1, LineProtocol.MaxMilliseconds);
        if (first > last || !CanBeStored(deviceId))
        {
            return [];
        }

        await PrepareAsync(cancellationToken);
        string query = InfluxQl.SelectRange(deviceId, first, last);
        var samples = new List<TelemetrySample>();
        var unknownFields = new HashSet<string>(StringComparer.Ordinal);
        await RunQueryAsync(HttpMethod.Get, query, "read telemetry", async body =>
        {
            samples.Clear();
            await foreach (QueryResponse response in QueryResults.ReadAsync(body, cancellationToken))
            {
                foreach (Series series in response.Results?.SelectMany(r => r.Series ?? []) ?? [])
                {
                    QueryResults.AddSamples(series, samples, unknownFields);
                }
            }
        }, cancellationToken);

        if (unknownFields.Count > 0)
        {
            _logger.LogWarning("Telemetry fields no known signal has were not read: {Fields}", string.Join(", ", unknownFields));
        }

        // One series per device and tenant: a device that changed tenant has two, each in time order.
        for (int i = 1; i < samples.Count; i++)
        {
            if (samples[i].UnixMilliseconds < samples[i - 1].UnixMilliseconds)
            {
                return samples.OrderBy(s => s.UnixMilliseconds).ToList();
            }
        }

        return samples;
    }

    public async Task EraseDeviceAsync(string deviceId, CancellationToken cancellationToken)
    {
        if (!CanBeStored(deviceId))
        {
            return;
        }

        await PrepareAsync(cancellationToken);
        if (_options.ApiVersion == InfluxApiVersion.V1)
        {
            await RunQueryAsync(HttpMethod.Post, InfluxQl.DropDevice(deviceId), "erase a device", DrainAsync, cancellationToken);
        }
        else
        {
            await DeleteV2Async(deviceId, DateTimeOffset.FromUnixTimeMilliseconds(LineProtocol.MaxMilliseconds), "erase a device", cancellationToken);
        }
    }

    public async Task DeleteOlderThanAsync(string deviceId, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        long cutoffMs = Math.Clamp(cutoff.ToUnixTimeMilliseconds(), LineProtocol.MinMilliseconds, LineProtocol.MaxMilliseconds);
        if (!CanBeStored(deviceId) || cutoffMs == LineProtocol.MinMilliseconds)
        {
            return;
        }

        await PrepareAsync(cancellationToken);
        if (_options.ApiVersion == InfluxApiVersion.V1)
        {
            await RunQueryAsync(HttpMethod.Post, InfluxQl.DeleteBefore(deviceId, cutoffMs), "delete old telemetry", DrainAsync, cancellationToken);
        }
        else
        {
            await DeleteV2Async(deviceId, DateTimeOffset.FromUnixTimeMilliseconds(cutoffMs), "delete old telemetry", cancellationToken);
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        if (_v2Client.IsValueCreated)
        {
            _v2Client.Value.Dispose();
        }

        _prepare.Dispose();
    }

    private static bool CanBeStored(string deviceId)
    {
        try
        {
            LineProtocol.CheckTagValue("device id", deviceId);
            return deviceId.Length > 0;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static async Task DrainAsync(Stream body)
    {
        await foreach (QueryResponse _ in QueryResults.ReadAsync(body, CancellationToken.None))
        {
        }
    }

    // ---- V1: plain HTTP ----

    private async Task WriteV1Async(List<(IngestedBatch Batch, TelemetrySample Sample)> points, CancellationToken cancellationToken)
    {
        var text = new StringBuilder(points.Count * 96);
        foreach ((IngestedBatch batch, TelemetrySample sample) in points)
        {
            LineProtocol.AppendPoint(text, batch.DeviceId, batch.TenantId, batch.Message.Sequence, sample);
        }

        byte[] body = Encoding.UTF8.GetBytes(text.ToString());
        string path = $"write?db={Uri.EscapeDataString(_options.Database)}&precision=ms{RetentionPolicyParameter}";
        bool createdDatabase = false;
        while (true)
        {
            (HttpStatusCode status, string answer) = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, path)
            {
                Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" } } },
            }, $"write {points.Count} points", cancellationToken);

            if (status is HttpStatusCode.NoContent or HttpStatusCode.OK)
            {
                return;
            }

            if (status == HttpStatusCode.NotFound && answer.Contains("database not found", StringComparison.Ordinal) && _tuning.CreateDatabase && !createdDatabase)
            {
                // Dropped while the gateway ran, or never created: make it and write again.
                await CreateDatabaseAsync(cancellationToken);
                createdDatabase = true;
                continue;
            }

            throw Refused($"write {points.Count} points", status, answer);
        }
    }

    private async Task CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        string query = InfluxQl.CreateDatabase(_options.Database);
        (HttpStatusCode status, string answer) = await SendAsync(() => QueryRequest(HttpMethod.Post, query, withDatabase: false), "create the database", cancellationToken);
        if (status == HttpStatusCode.Forbidden)
        {
            _logger.LogInformation("InfluxDB user {User} may not create databases; assuming {Target} exists", _options.Username, Target);
            return;
        }

        if (status != HttpStatusCode.OK)
        {
            throw Refused("create the database", status, answer);
        }

        string? error = ErrorOf(answer);
        if (error is not null)
        {
            throw new InfluxStoreException($"InfluxDB at {Server} could not create {Target}: {error}", (int)status, transient: false);
        }

        _logger.LogInformation("InfluxDB {Target} at {Server} is ready", Target, Server);
    }

    private string RetentionPolicyParameter =>
        _options.ApiVersion == InfluxApiVersion.V1 && !string.IsNullOrEmpty(_tuning.RetentionPolicy) ? "&rp=" + Uri.EscapeDataString(_tuning.RetentionPolicy) : "";

    /// <summary>Runs InfluxQL and hands the answer's body to <paramref name="read"/>; errors in the answer throw.</summary>
    private async Task RunQueryAsync(HttpMethod method, string query, string what, Func<Stream, Task> read, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            HttpResponseMessage response = await SendWithRetriesAsync(() => QueryRequest(method, query, withDatabase: true), what, cancellationToken);
            using (response)
            {
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw Refused(what, response.StatusCode, await ReadTextAsync(response, cancellationToken));
                }

                try
                {
                    await using Stream body = await response.Content.ReadAsStreamAsync(cancellationToken);
                    await read(body);
                    return;
                }
                catch (InfluxQueryError e)
                {
                    throw new InfluxStoreException($"InfluxDB at {Server} could not {what} in {QueryTarget}: {e.Message}{Hint(e.Message)}", 200, transient: false);
                }
                catch (Exception e) when ((e is IOException or HttpRequestException) && attempt < _tuning.Attempts && !cancellationToken.IsCancellationRequested)
                {
                    // The connection broke while the answer streamed in; a query can simply run again.
                    _logger.LogWarning("InfluxDB answer to {What} broke off ({Error}); asking again", what, e.Message);
                }
            }
        }
    }

    /// <summary>
    /// The InfluxQL database (and retention policy) to read: V1 the configured ones; V2 the
    /// bucket's, which 1.8 and 2.x name "database/retention-policy" or just "database".
    /// </summary>
    private (string Database, string? RetentionPolicy) QueryDatabase
    {
        get
        {
            if (_options.ApiVersion == InfluxApiVersion.V1)
            {
                return (_options.Database, _tuning.RetentionPolicy);
            }

            int slash = _options.Bucket.IndexOf('/');
            return slash < 0 ? (_options.Bucket, null) : (_options.Bucket[..slash], _options.Bucket[(slash + 1)..]);
        }
    }

    private string QueryTarget => _options.ApiVersion == InfluxApiVersion.V1 ? Target : $"database '{QueryDatabase.Database}' (bucket '{_options.Bucket}' in InfluxQL)";

    private HttpRequestMessage QueryRequest(HttpMethod method, string query, bool withDatabase)
    {
        var parameters = new List<KeyValuePair<string, string>> { new("q", query), new("epoch", "ms") };
        if (withDatabase)
        {
            (string database, string? retentionPolicy) = QueryDatabase;
            parameters.Add(new("db", database));
            if (!string.IsNullOrEmpty(retentionPolicy))
            {
                parameters.Add(new("rp", retentionPolicy));
            }
        }

        if (method == HttpMethod.Get)
        {
            parameters.Add(new("chunked", "true"));
            parameters.Add(new("chunk_size", QueryChunkSize.ToString(CultureInfo.InvariantCulture)));
            string queryString = string.Join("&", parameters.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
            return new HttpRequestMessage(HttpMethod.Get, "query?" + queryString);
        }

        return new HttpRequestMessage(HttpMethod.Post, "query") { Content = new FormUrlEncodedContent(parameters) };
    }

    /// <summary>Sends with retries and returns the status and text of any answer that is not worth retrying.</summary>
    private async Task<(HttpStatusCode Status, string Answer)> SendAsync(Func<HttpRequestMessage> request, string what, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await SendWithRetriesAsync(request, what, cancellationToken);
        return (response.StatusCode, await ReadTextAsync(response, cancellationToken));
    }

    private Task<HttpResponseMessage> SendWithRetriesAsync(Func<HttpRequestMessage> makeRequest, string what, CancellationToken cancellationToken) =>
        WithRetriesAsync(what, async token =>
        {
            using HttpRequestMessage request = makeRequest();
            request.RequestUri = new Uri(_baseAddress, request.RequestUri!);
            request.Headers.Authorization = Authorization();
            HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
            if (!IsTransient(response.StatusCode))
            {
                return Try<HttpResponseMessage>.Done(response);
            }

            using (response)
            {
                TimeSpan? retryAfter = response.Headers.RetryAfter?.Delta;
                return Try<HttpResponseMessage>.Again(
                    $"{(int)response.StatusCode} {response.ReasonPhrase}: {ErrorOf(await ReadTextAsync(response, cancellationToken)) ?? "no details"}",
                    retryAfter);
            }
        }, cancellationToken);

    /// <summary>
    /// Runs <paramref name="once"/> up to Attempts times, each try with its own deadline (Timeout),
    /// waiting in between what the server asked for or RetryDelay doubled with every try. A server
    /// that cannot be reached, no answer in time, and what a try reports as worth another are
    /// retried; anything else a try throws goes through at once. All tries failed: a transient
    /// <see cref="InfluxStoreException"/> with the last problem.
    /// </summary>
    private async Task<T> WithRetriesAsync<T>(string what, Func<CancellationToken, Task<Try<T>>> once, CancellationToken cancellationToken)
    {
        string lastProblem = "";
        for (int attempt = 1; attempt <= _tuning.Attempts; attempt++)
        {
            TimeSpan? retryAfter = null;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_tuning.Timeout);
            try
            {
                Try<T> outcome = await once(timeout.Token);
                if (outcome.Succeeded)
                {
                    return outcome.Result;
                }

                lastProblem = outcome.Problem;
                retryAfter = outcome.RetryAfter;
            }
            catch (HttpRequestException e)
            {
                lastProblem = Unreachable(e);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                lastProblem = $"no answer within {_tuning.Timeout.TotalSeconds:0.#} s";
            }

            if (attempt < _tuning.Attempts)
            {
                TimeSpan delay = retryAfter ?? _tuning.RetryDelay * Math.Pow(2, attempt - 1);
                _logger.LogWarning("InfluxDB at {Server}: {What} failed ({Problem}), try {Attempt} of {Attempts}; again in {Delay} ms",
                    Server, what, lastProblem, attempt, _tuning.Attempts, (int)delay.TotalMilliseconds);
                await Task.Delay(delay, cancellationToken);
            }
        }

        throw new InfluxStoreException(
            $"InfluxDB at {Server} could not {what} after {_tuning.Attempts} tries: {lastProblem}", null, transient: true);
    }

    private AuthenticationHeaderValue? Authorization()
    {
        if (_options.ApiVersion == InfluxApiVersion.V2)
        {
            return new AuthenticationHeaderValue("Token", _options.Token);
        }

        if (string.IsNullOrEmpty(_options.Username))
        {
            return null;
        }

        string credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_options.Username}:{_options.Password}"));
        return new AuthenticationHeaderValue("Basic", credentials);
    }

    private static bool IsTransient(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static async Task<string> ReadTextAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException)
        {
            return "";
        }
    }

    private string Unreachable(Exception e)
    {
        Exception root = e;
        while (root.InnerException is not null)
        {
            root = root.InnerException;
        }

        string reason = root is SocketException socket ? socket.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "connection refused (is influxd running, and on this port?)",
            SocketError.HostNotFound or SocketError.NoData => "host not found",
            SocketError.TimedOut => "connection timed out",
            _ => socket.Message,
        } : root.Message;
        return $"cannot reach it: {reason}";
    }

    /// <summary>The "error" of an InfluxDB JSON answer, or the text itself when it is no such JSON.</summary>
    private static string? ErrorOf(string answer)
    {
        if (string.IsNullOrWhiteSpace(answer))
        {
            return null;
        }

        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(answer);
            System.Text.Json.JsonElement root = json.RootElement;
            if (root.ValueKind == System.Text.Json.JsonValueKind.Object)
            {
                if (root.TryGetProperty("error", out System.Text.Json.JsonElement error) && error.ValueKind == System.Text.Json.JsonValueKind.String)
                {
                    return error.GetString();
                }

                if (root.TryGetProperty("message", out System.Text.Json.JsonElement message) && message.ValueKind == System.Text.Json.JsonValueKind.String)
                {
                    return message.GetString(); // InfluxDB 2.x
                }

                if (root.TryGetProperty("results", out System.Text.Json.JsonElement results) && results.ValueKind == System.Text.Json.JsonValueKind.Array)
                {
                    foreach (System.Text.Json.JsonElement result in results.EnumerateArray())
                    {
                        if (result.TryGetProperty("error", out System.Text.Json.JsonElement statementError))
                        {
                            return statementError.GetString();
                        }
                    }
                }

                return null;
            }
        }
        catch (System.Text.Json.JsonException)
        {
        }

        string text = answer.Trim();
        return text.Length > 300 ? text[..300] + "…" : text;
    }

    private InfluxStoreException Refused(string what, HttpStatusCode status, string answer)
    {
        string error = ErrorOf(answer) ?? "no details";
        int code = (int)status;
        string message = status switch
        {
            HttpStatusCode.Unauthorized => $"InfluxDB at {Server} refused the credentials (401) when asked to {what}: {error}. Check {Credentials}.",
            HttpStatusCode.Forbidden => $"InfluxDB at {Server} does not let {Who} {what} in {Target} (403): {error}. Grant the rights, or use another account.",
            HttpStatusCode.NotFound when error.Contains("database not found", StringComparison.Ordinal) =>
                $"InfluxDB at {Server} has no {Target} (404: {error}). " + (_tuning.CreateDatabase
                    ? $"Creating it was tried; {Who} may not: create it as an admin (CREATE DATABASE {InfluxQl.Identifier(_options.Database)})."
                    : $"Create it (CREATE DATABASE {InfluxQl.Identifier(_options.Database)}) or set {InfluxStoreTuning.Section}:CreateDatabase=true."),
            HttpStatusCode.NotFound => $"InfluxDB at {Server} answered 404 when asked to {what}: {error}{Hint(error)}",
            HttpStatusCode.RequestEntityTooLarge => $"InfluxDB at {Server} found the request to {what} too large (413): lower {InfluxStoreTuning.Section}:BatchPoints (now {_tuning.BatchPoints}).",
            _ => $"InfluxDB at {Server} refused to {what} ({code} {status}): {error}",
        };
        return new InfluxStoreException(message, code, transient: false);
    }

    private string Who => string.IsNullOrEmpty(_options.Username) ? "this client" : $"user '{_options.Username}'";

    private string Credentials => _options.ApiVersion == InfluxApiVersion.V1
        ? "Storage:Influx:Username and Storage:Influx:Password"
        : "Storage:Influx:Token";

    private string Hint(string error) =>
        _options.ApiVersion == InfluxApiVersion.V2 && (error.Contains("404 page not found", StringComparison.Ordinal) || error.Contains("database not found", StringComparison.Ordinal))
            ? $". InfluxDB 2.x answers InfluxQL for a bucket through a DBRP mapping (automatic for bucket '{_options.Bucket}' from 2.2 on); servers before 1.8 have no v2 API: use ApiVersion V1 for them"
            : "";

    // ---- V2: InfluxDB.Client ----

    private async Task WriteV2Async(List<(IngestedBatch Batch, TelemetrySample Sample)> points, CancellationToken cancellationToken)
    {
        PointData[] data = points.Select(p => V2Points.Of(p.Batch.DeviceId, p.Batch.TenantId, p.Batch.Message.Sequence, p.Sample)).ToArray();
        WriteApiAsync writer = _v2Client.Value.GetWriteApiAsync();
        await WithV2RetriesAsync(
            $"write {data.Length} points",
            token => writer.WritePointsAsync(data, _options.Bucket, _options.Organization, token),
            cancellationToken);
    }

    private async Task DeleteV2Async(string deviceId, DateTimeOffset before, string what, CancellationToken cancellationToken)
    {
        string predicate = $"_measurement=\"{SignalFields.Measurement}\" AND {SignalFields.DeviceTag}=\"{deviceId.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"";
        DateTime start = DateTimeOffset.FromUnixTimeMilliseconds(LineProtocol.MinMilliseconds).UtcDateTime;
        DateTime stop = (before - JustBefore).UtcDateTime;
        DeleteApi deleter = _v2Client.Value.GetDeleteApi();
        await WithV2RetriesAsync(what, token => deleter.Delete(start, stop, predicate, _options.Bucket, _options.Organization, token), cancellationToken);
    }

    private Task WithV2RetriesAsync(string what, Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        WithRetriesAsync(what, async token =>
        {
            try
            {
                await call(token);
                return Try<bool>.Done(true);
            }
            catch (HttpException e) when (e.Status is > 0 and not 429 and < 500)
            {
                throw RefusedV2(what, e);
            }
            catch (HttpException e)
            {
                return Try<bool>.Again(
                    e.Status > 0 ? $"{e.Status}: {e.Message}" : Unreachable(e),
                    e.RetryAfter is int seconds and > 0 ? TimeSpan.FromSeconds(seconds) : null);
            }
        }, cancellationToken);

    private InfluxStoreException RefusedV2(string what, HttpException e)
    {
        string error = string.IsNullOrWhiteSpace(e.Message) ? "no details" : e.Message.Trim();
        string message = e.Status switch
        {
            401 => $"InfluxDB at {Server} refused the token (401) when asked to {what}: {error}. Check Storage:Influx:Token.",
            403 => $"InfluxDB at {Server} does not let this token {what} in {Target} (403): {error}.",
            404 => $"InfluxDB at {Server} answered 404 when asked to {what} in {Target}: {error}. The bucket or organisation may not exist; "
                + "or the server has no v2 API (InfluxDB before 1.8, such as Debian's 1.6): use ApiVersion V1 for it.",
            413 => $"InfluxDB at {Server} found the request to {what} too large (413): lower {InfluxStoreTuning.Section}:BatchPoints (now {_tuning.BatchPoints}).",
            _ => $"InfluxDB at {Server} refused to {what} in {Target} ({e.Status}): {error}",
        };
        return new InfluxStoreException(message, e.Status, transient: false, e);
    }

    /// <summary>What one try came to: a result, or a problem worth another try (and how long the server asked to wait).</summary>
    private readonly record struct Try<T>(bool Succeeded, T Result, string Problem, TimeSpan? RetryAfter)
    {
        public static Try<T> Done(T result) => new(true, result, "", null);

        public static Try<T> Again(string problem, TimeSpan? retryAfter) => new(false, default!, problem, retryAfter);
    }
}
