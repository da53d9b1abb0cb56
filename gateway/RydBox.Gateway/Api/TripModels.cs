using RydBox.Gateway.Events.Logbook;
using RydBox.Gateway.Events.Model;

namespace RydBox.Gateway.Api;

// The logbook's answers (TripEndpoints), serialized camelCase; times UTC, ISO 8601 with Z.

/// <summary>A trip of the logbook with its classification in force.</summary>
/// <param name="Key">Names the trip: "trip:{start unix ms}" (the path segment of its classification and history).</param>
/// <param name="End">Null while the trip goes on.</param>
/// <param name="DurationS">End minus start in seconds; null while the trip goes on.</param>
/// <param name="FuelLitres">Fuel used, where the vehicle reports it; else null.</param>
/// <param name="Source">ignition (from the engine's data) or movement (from GNSS alone).</param>
/// <param name="Purpose">business or private; null until classified.</param>
/// <param name="ClassifiedBy">Who classified: "api-key:{key id}" for the API, or the name the CLI or processor logged.</param>
/// <param name="Updated">When the gateway stored this version of the trip.</param>
public sealed record TripView(
    string Key,
    DateTime Start,
    DateTime? End,
    Place StartPlace,
    Place? EndPlace,
    double DistanceKm,
    double? DurationS,
    double MaxSpeedKmh,
    double AverageSpeedKmh,
    double? FuelLitres,
    string Source,
    string? Purpose,
    string? Note,
    DateTime? ClassifiedAt,
    string? ClassifiedBy,
    DateTime Updated)
{
    public static TripView From(LogbookTrip trip)
    {
        TripEvent t = trip.Trip;
        return new TripView(
            trip.Key,
            UnixTime.ToUtc(t.StartUnixMs),
            t.EndUnixMs is long end ? UnixTime.ToUtc(end) : null,
            t.StartPlace,
            t.EndPlace,
            t.DistanceKm,
            t.EndUnixMs is long stop ? (stop - t.StartUnixMs) / 1000.0 : null,
            t.MaxSpeedKmh,
            t.AverageSpeedKmh,
            t.FuelUsedLitres,
            SourceName(t.Source),
            trip.Classification?.Purpose,
            trip.Classification?.Note,
            trip.Classification?.At.UtcDateTime,
            trip.Classification?.Actor,
            trip.Updated.UtcDateTime);
    }

    /// <summary>As EventJson spells the enum.</summary>
    public static string SourceName(TripSource source) => source switch
    {
        TripSource.Ignition => "ignition",
        TripSource.Movement => "movement",
        _ => source.ToString().ToLowerInvariant(),
    };
}

/// <summary>Trips that started in [from, to), oldest first.</summary>
/// <param name="NextFrom">Set when more trips follow than the limit allowed: ask again with from=nextFrom.</param>
public sealed record TripList(string VehicleId, DateTime From, DateTime To, IReadOnlyList<TripView> Trips, DateTime? NextFrom);

/// <summary>The body of PUT …/classification.</summary>
/// <param name="Purpose">business or private.</param>
/// <param name="Note">Up to 500 characters; omit or blank for none.</param>
public sealed record TripClassificationRequest(string? Purpose, string? Note);

/// <summary>A row of the trip log exactly as stored, with what an auditor needs to recompute its hash.</summary>
/// <param name="Body">The trip as it stood after the change: the stored JSON text, byte for byte (the hash covers this text).</param>
/// <param name="AtUnixMs">The row's time as hashed (unix ms); <paramref name="At"/> is the same instant.</param>
public sealed record TripLogRowView(
    long Id,
    string Change,
    string? Purpose,
    string? Note,
    string Body,
    string Actor,
    DateTime At,
    long AtUnixMs,
    string PreviousHash,
    string Hash)
{
    public static TripLogRowView From(TripLogRow row) =>
        new(row.Id, row.Change, row.Purpose, row.Note, row.BodyJson, row.Actor, UnixTime.ToUtc(row.AtUnixMs), row.AtUnixMs, row.PreviousHash, row.Hash);
}

/// <summary>Every change of one trip, oldest first.</summary>
public sealed record TripHistory(string VehicleId, string TripKey, IReadOnlyList<TripLogRowView> Rows);

/// <summary>The vehicle's trip log checked end to end.</summary>
/// <param name="Valid">Every row's hash and link hold, and the anchor (if given) is in the chain.</param>
/// <param name="Rows">How many rows the vehicle's log has: note it with <paramref name="HeadHash"/>.</param>
/// <param name="HeadHash">The newest row's hash (64 zeros for an empty log): keep it outside the gateway and pass it back as anchor= later.</param>
public sealed record LogbookVerificationView(
    string VehicleId,
    bool Valid,
    long Rows,
    long? HeadId,
    string HeadHash,
    BrokenTripLogRow? FirstBroken,
    TripLogAnchor? Anchor);
