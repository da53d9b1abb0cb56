using System.ComponentModel;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using RydBox.Contract;
using RydBox.Firmware.Wire;
using RydBox.Gateway.Storage;

namespace RydBox.Gateway.Api;

/// <summary>GET /api/v1/vehicles/{id}/telemetry (raw or downsampled, JSON or CSV) and /vehicles/{id}/track (GeoJSON).</summary>
internal static class TelemetryEndpoints
{
    public const string GeoJsonContentType = "application/geo+json";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/vehicles/{id}/telemetry", Telemetry)
            .WithName("GetTelemetry")
            .WithSummary("Telemetry samples, raw or downsampled")
            .WithDescription("Raw samples, or with every= one row per time bucket aggregated with agg=. JSON by default; CSV with a header row for format=csv or Accept: text/csv.")
            .Produces<TelemetryView>(StatusCodes.Status200OK, "application/json", "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/vehicles/{id}/track", Track)
            .WithName("GetTrack")
            .WithSummary("The vehicle's track as GeoJSON")
            .WithDescription("A FeatureCollection with one LineString of [longitude, latitude] positions (a Point for a single fix, no feature without fixes); properties.times holds each position's time.")
            .Produces<TrackCollection>(StatusCodes.Status200OK, GeoJsonContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> Telemetry(
        [Description("The vehicle's (box's) id.")] string id,
        [Description(ApiText.From)] string? from,
        [Description(ApiText.To)] string? to,
        [Description("Comma-separated signals, e.g. engine_rpm,vehicle_speed (names as GET …/latest shows them, or wire ids). Default: every signal.")] string? fields,
        [Description("Downsample into buckets of this width aligned to the unix epoch: a whole number with ms, s, m, h or d (10s, 1m, 1h). Default: raw samples.")] string? every,
        [Description("How a bucket's samples become one value: mean (default), min, max or last. Needs every.")] string? agg,
        [Description("json (default) or csv; Accept: text/csv also asks for CSV.")] string? format,
        HttpContext http,
        ClaimsPrincipal user,
        FleetReader fleet,
        ITelemetryStore store,
        IOptions<ApiQueryOptions> options)
    {
        ApiQueryOptions limits = options.Value;
        TimeRange range = QueryParameters.ParseRange(from, to, limits, DateTimeOffset.UtcNow);
        IReadOnlyList<SignalInfo>? signals = SignalNames.ParseList(fields);
        long? everyMs = string.IsNullOrWhiteSpace(every) ? null : QueryParameters.ParseEvery(every);
        Aggregation? aggregation = string.IsNullOrWhiteSpace(agg) ? null : QueryParameters.ParseAggregation(agg);
        if (aggregation is not null && everyMs is null)
        {
            throw new BadParameterException("agg", "agg aggregates buckets: give every= as well (e.g. every=1m&agg=max)");
        }

        bool csv = QueryParameters.WantsCsv(format, http.Request);
        if (everyMs is long width)
        {
            long buckets = ((range.ToMs - 1 - Downsampler.BucketStart(range.FromMs, width)) / width) + 1;
            if (buckets > limits.MaxRows)
            {
                throw new BadParameterException("every", $"every={every} over {UnixTime.Format(range.FromMs)} to {UnixTime.Format(range.ToMs)} makes {buckets} buckets, more than the limit of {limits.MaxRows}; use a wider bucket or a shorter range");
            }
        }

        if (fleet.Vehicle(ApiKeyAuthenticationHandler.TenantOf(user), id) is null)
        {
            return ApiProblems.VehicleNotFound(id);
        }

        TelemetryTable table;
        if (everyMs is long bucketMs)
        {
            var downsampler = new Downsampler(bucketMs, aggregation ?? Aggregation.Mean, signals);
            await TelemetryScan.ForEachAsync(store, id, range, downsampler.Add, http.RequestAborted);
            table = downsampler.Finish();
        }
        else
        {
            var collector = new RawCollector(signals, limits.MaxRows, range);
            await TelemetryScan.ForEachAsync(store, id, range, collector.Add, http.RequestAborted);
            table = collector.Finish();
        }

        http.Response.Headers.Vary = "Accept";
        if (csv)
        {
            return TypedResults.Text(TelemetryCsv.Write(table), TelemetryCsv.ContentType);
        }

        string? aggName = everyMs is null ? null : (aggregation ?? Aggregation.Mean).ToString().ToLowerInvariant();
        return TypedResults.Ok(new TelemetryView(
            id,
            UnixTime.ToUtc(range.FromMs),
            UnixTime.ToUtc(range.ToMs),
            everyMs is null ? null : every!.Trim(),
            aggName,
            [.. table.Fields.Select(f => new SignalField(f.Id, f.Name, f.Unit))],
            [.. table.Rows.Select(row => new TelemetryRowView(UnixTime.ToUtc(row.TimeMs), Values(table.Fields, row)))]));
    }

    private static async Task<IResult> Track(
        [Description("The vehicle's (box's) id.")] string id,
        [Description(ApiText.From)] string? from,
        [Description(ApiText.To)] string? to,
        HttpContext http,
        ClaimsPrincipal user,
        FleetReader fleet,
        ITelemetryStore store,
        IOptions<ApiQueryOptions> options)
    {
        ApiQueryOptions limits = options.Value;
        TimeRange range = QueryParameters.ParseRange(from, to, limits, DateTimeOffset.UtcNow);
        if (fleet.Vehicle(ApiKeyAuthenticationHandler.TenantOf(user), id) is null)
        {
            return ApiProblems.VehicleNotFound(id);
        }

        var positions = new List<double[]>();
        var times = new List<DateTime>();
        await TelemetryScan.ForEachAsync(store, id, range, sample =>
        {
            if (sample.Find(SignalIds.Latitude) is not { } latitude || sample.Find(SignalIds.Longitude) is not { } longitude)
            {
                return;
            }

            if (positions.Count == limits.MaxRows)
            {
                throw new BadParameterException("to", $"from {UnixTime.Format(range.FromMs)} to {UnixTime.Format(range.ToMs)} holds more than {limits.MaxRows} positions, the limit of one answer; narrow the range");
            }

            // Fixed-point degrees divided (not multiplied by 1e-7): the double nearest the decimal the box meant.
            positions.Add([longitude.Raw / 1e7, latitude.Raw / 1e7]);
            times.Add(sample.Time.UtcDateTime);
        }, http.RequestAborted);

        TrackFeature[] features = positions.Count switch
        {
            0 => [],
            1 => [new TrackFeature("Feature", new TrackGeometry("Point", positions[0]), Properties(id, times))],
            _ => [new TrackFeature("Feature", new TrackGeometry("LineString", positions), Properties(id, times))],
        };
        return TypedResults.Json(new TrackCollection("FeatureCollection", features), contentType: GeoJsonContentType);
    }

    private static TrackProperties Properties(string id, List<DateTime> times) => new(id, times[0], times[^1], times.Count, times);

    private static Dictionary<string, double> Values(IReadOnlyList<SignalInfo> fields, TableRow row)
    {
        var values = new Dictionary<string, double>(fields.Count);
        for (int i = 0; i < fields.Count; i++)
        {
            if (row.Values[i] is double value)
            {
                values[fields[i].Name] = value;
            }
        }

        return values;
    }
}
