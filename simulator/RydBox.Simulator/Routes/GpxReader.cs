using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace RydBox.Simulator.Routes;

/// <summary>
/// Reads a GPX 1.0/1.1 file as a <see cref="Route"/>: the track points (&lt;trk&gt;/&lt;trkseg&gt;/&lt;trkpt&gt;,
/// all segments of all tracks in document order) or, when there are none, the route points
/// (&lt;rte&gt;/&lt;rtept&gt;). &lt;ele&gt; and &lt;time&gt; are optional; missing altitudes are interpolated
/// from neighbours. Speed limits and stops are inferred as <see cref="GpxImportOptions"/> describes.
/// </summary>
public static class GpxReader
{
    private sealed record RawPoint(GeoPoint Position, bool HasAltitude, DateTimeOffset? Time);

    /// <exception cref="GpxFormatException">The file is not GPX or holds no usable track or route.</exception>
    public static Route Load(string path, GpxImportOptions? options = null)
    {
        using var reader = new StreamReader(path);
        return Read(reader, options);
    }

    /// <exception cref="GpxFormatException">The text is not GPX or holds no usable track or route.</exception>
    public static Route Read(TextReader text, GpxImportOptions? options = null)
    {
        options ??= new GpxImportOptions();
        XDocument document;
        try
        {
            document = XDocument.Load(text, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new GpxFormatException($"not well-formed XML: {e.Message}", e.LineNumber, e.LinePosition, e);
        }

        XElement root = document.Root!;
        if (root.Name.LocalName != "gpx")
        {
            throw Error(root, $"the root element is <{root.Name.LocalName}>, not <gpx>");
        }

        List<RawPoint> points = ReadPoints(root, "trk", "trkseg", "trkpt");
        if (points.Count == 0)
        {
            points = ReadPoints(root, "rte", null, "rtept");
        }

        if (points.Count < 2)
        {
            throw Error(root, $"<gpx> holds {points.Count} track or route points; a route needs at least two");
        }

        return GpxRouteInference.Build(FillAltitudes(points, options), options);
    }

    private static List<RawPoint> ReadPoints(XElement root, string container, string? segment, string point)
    {
        IEnumerable<XElement> parents = Children(root, container);
        if (segment != null)
        {
            parents = parents.SelectMany(p => Children(p, segment));
        }

        return [.. parents.SelectMany(p => Children(p, point)).Select(ReadPoint)];
    }

    private static RawPoint ReadPoint(XElement element)
    {
        double latitude = Coordinate(element, "lat", 90);
        double longitude = Coordinate(element, "lon", 180);
        XElement? ele = Children(element, "ele").FirstOrDefault();
        double altitude = 0;
        if (ele != null && !double.TryParse(ele.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out altitude))
        {
            throw Error(ele, $"<ele> \"{ele.Value}\" is not a number");
        }

        XElement? time = Children(element, "time").FirstOrDefault();
        DateTimeOffset? at = null;
        if (time != null)
        {
            if (!DateTimeOffset.TryParse(time.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed))
            {
                throw Error(time, $"<time> \"{time.Value}\" is not an ISO 8601 time");
            }

            at = parsed;
        }

        return new RawPoint(new GeoPoint(latitude, longitude, altitude), ele != null, at);
    }

    private static double Coordinate(XElement element, string name, double limit)
    {
        XAttribute? attribute = element.Attribute(name);
        string tag = element.Name.LocalName;
        if (attribute == null)
        {
            throw Error(element, $"<{tag}> has no '{name}' attribute");
        }

        if (!double.TryParse(attribute.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            || double.IsNaN(value) || Math.Abs(value) > limit)
        {
            throw Error(element, $"<{tag}> {name}=\"{attribute.Value}\" is not a number between -{limit} and {limit}");
        }

        return value;
    }

    /// <summary>Missing altitudes: linear between the nearest known ones, the nearest one beyond the ends, the default when none is known.</summary>
    private static List<RawPoint> FillAltitudes(List<RawPoint> points, GpxImportOptions options)
    {
        int[] known = [.. Enumerable.Range(0, points.Count).Where(i => points[i].HasAltitude)];
        if (known.Length == 0)
        {
            return [.. points.Select(p => p with { Position = p.Position with { AltitudeMetres = options.DefaultAltitudeMetres } })];
        }

        var filled = new List<RawPoint>(points.Count);
        int next = 0;
        for (int i = 0; i < points.Count; i++)
        {
            while (next < known.Length && known[next] < i)
            {
                next++;
            }

            double altitude = points[i].HasAltitude ? points[i].Position.AltitudeMetres
                : next == 0 ? points[known[0]].Position.AltitudeMetres
                : next == known.Length ? points[known[^1]].Position.AltitudeMetres
                : Interpolate(points, known[next - 1], known[next], i);
            filled.Add(points[i] with { Position = points[i].Position with { AltitudeMetres = altitude } });
        }

        return filled;
    }

    private static double Interpolate(List<RawPoint> points, int before, int after, int i)
    {
        double a = points[before].Position.AltitudeMetres;
        double b = points[after].Position.AltitudeMetres;
        return a + (b - a) * (i - before) / (after - before);
    }

    private static IEnumerable<XElement> Children(XElement parent, string localName) =>
        parent.Elements().Where(e => e.Name.LocalName == localName);

    private static GpxFormatException Error(XElement element, string message)
    {
        var info = (IXmlLineInfo)element;
        return info.HasLineInfo() ? new GpxFormatException(message, info.LineNumber, info.LinePosition) : new GpxFormatException(message);
    }

    /// <summary>Speed limits and stops from the times of a track (see <see cref="GpxImportOptions"/>).</summary>
    private static class GpxRouteInference
    {
        public static Route Build(List<RawPoint> points, GpxImportOptions options)
        {
            bool timed = options.InferFromTimes && points.All(p => p.Time != null);
            var kept = new List<RawPoint>();
            var standing = new List<double>();
            foreach (RawPoint point in points)
            {
                if (kept.Count > 0 && IsStanding(kept[^1], point, timed, options))
                {
                    standing[^1] += timed ? (point.Time!.Value - kept[^1].Time!.Value).TotalSeconds : 0;
                    kept[^1] = kept[^1] with { Time = point.Time };
                    continue;
                }

                kept.Add(point);
                standing.Add(0);
            }

            double[] speeds = timed ? SmoothedSpeeds(kept, options.SpeedWindowPoints) : [];
            var routePoints = new List<RoutePoint>(kept.Count);
            for (int i = 0; i < kept.Count; i++)
            {
                double limit = timed && kept.Count > 1
                    ? LimitFor(speeds[Math.Min(i, speeds.Length - 1)], options)
                    : options.DefaultSpeedLimitKmh;
                bool stop = standing[i] >= options.StopMinimumSeconds && i > 0 && i < kept.Count - 1;
                routePoints.Add(new RoutePoint(kept[i].Position, limit, false,
                    stop ? StopControl.StopSign : StopControl.None, stop ? 1 : 0));
            }

            try
            {
                return new Route(routePoints);
            }
            catch (ArgumentException e)
            {
                throw new GpxFormatException("the track never moves: all its points lie at one place", inner: e);
            }
        }

        /// <summary>
        /// The recorder stood still: the next point is within a metre, or (with times) reached slower than
        /// <see cref="GpxImportOptions.StandingSpeedKmh"/>. Standing points are folded into the one before;
        /// the last kept point moves on to the later time, so the speed after the halt is measured from its end.
        /// </summary>
        private static bool IsStanding(RawPoint last, RawPoint point, bool timed, GpxImportOptions options)
        {
            const double SamePlaceMetres = 1;
            double metres = GeoMath.DistanceMetres(last.Position, point.Position);
            if (metres < SamePlaceMetres)
            {
                return true;
            }

            if (!timed)
            {
                return false;
            }

            double seconds = (point.Time!.Value - last.Time!.Value).TotalSeconds;
            return seconds > 0 && metres / seconds * 3.6 < options.StandingSpeedKmh;
        }

        /// <summary>For each stretch, the median measured speed (km/h) of the stretches in a window around it.</summary>
        private static double[] SmoothedSpeeds(List<RawPoint> points, int window)
        {
            int stretches = points.Count - 1;
            var raw = new double[stretches];
            for (int i = 0; i < stretches; i++)
            {
                double seconds = (points[i + 1].Time!.Value - points[i].Time!.Value).TotalSeconds;
                raw[i] = seconds > 0 ? GeoMath.DistanceMetres(points[i].Position, points[i + 1].Position) / seconds * 3.6 : double.NaN;
            }

            int half = Math.Max(0, window / 2);
            var smoothed = new double[stretches];
            for (int i = 0; i < stretches; i++)
            {
                double[] around = [.. raw[Math.Max(0, i - half)..Math.Min(stretches, i + half + 1)].Where(s => !double.IsNaN(s)).Order()];
                smoothed[i] = around.Length == 0 ? double.NaN : around[around.Length / 2];
            }

            return smoothed;
        }

        private static double LimitFor(double speedKmh, GpxImportOptions options)
        {
            if (double.IsNaN(speedKmh))
            {
                return options.DefaultSpeedLimitKmh;
            }

            double wanted = speedKmh * options.LimitShareOfSpeed;
            return options.LegalSpeedLimitsKmh.FirstOrDefault(limit => limit >= wanted, options.LegalSpeedLimitsKmh[^1]);
        }
    }
}
