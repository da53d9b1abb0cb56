using System.Globalization;
using System.Text;

namespace RydBox.Gateway.Api;

/// <summary>
/// The logbook as CSV (RFC 4180, CRLF line ends): a header row, one line per trip with the same fields
/// as the JSON; times ISO 8601 UTC, numbers in invariant culture, an empty cell for a missing value.
/// </summary>
internal static class TripCsv
{
    public static readonly string[] Columns =
    [
        "key", "start", "end", "start_latitude", "start_longitude", "end_latitude", "end_longitude",
        "distance_km", "duration_s", "max_speed_kmh", "avg_speed_kmh", "fuel_litres", "source",
        "purpose", "note", "classified_at", "classified_by",
    ];

    public static string Write(IEnumerable<TripView> trips)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', Columns).Append("\r\n");
        foreach (TripView trip in trips)
        {
            string[] cells =
            [
                trip.Key,
                Time(trip.Start),
                Time(trip.End),
                Number(trip.StartPlace.Latitude),
                Number(trip.StartPlace.Longitude),
                Number(trip.EndPlace?.Latitude),
                Number(trip.EndPlace?.Longitude),
                Number(trip.DistanceKm),
                Number(trip.DurationS),
                Number(trip.MaxSpeedKmh),
                Number(trip.AverageSpeedKmh),
                Number(trip.FuelLitres),
                trip.Source,
                trip.Purpose ?? "",
                trip.Note ?? "",
                Time(trip.ClassifiedAt),
                trip.ClassifiedBy ?? "",
            ];
            csv.AppendJoin(',', cells.Select(TelemetryCsv.Escape)).Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Time(DateTime? time) =>
        time is DateTime t ? UnixTime.Format(new DateTimeOffset(t, TimeSpan.Zero).ToUnixTimeMilliseconds()) : "";

    private static string Number(double? value) => value is double v ? v.ToString("R", CultureInfo.InvariantCulture) : "";
}
