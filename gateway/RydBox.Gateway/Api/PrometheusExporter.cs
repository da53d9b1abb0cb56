using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace RydBox.Gateway.Api;

/// <summary>
/// The gateway's System.Diagnostics.Metrics instruments in the Prometheus text exposition format
/// (0.0.4), for GET /metrics. A MeterListener aggregates in process: counters as running totals,
/// up-down counters and gauges as their last value, histograms in cumulative buckets (the
/// instrument's advised boundaries, else OpenTelemetry's defaults). Observable instruments are
/// read at each scrape. It listens to the meters in <see cref="Meters"/> created by this host's
/// IMeterFactory, or created with <c>new Meter(…)</c>, so two gateways in one process keep apart.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>The gateway's own meter, and ASP.NET Core's HTTP server metrics (request durations by route and status).</summary>
    public static readonly IReadOnlyList<string> Meters = ["RydBox.Gateway", "Microsoft.AspNetCore.Hosting"];

    private static readonly double[] DefaultBoundaries = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, Family> _families = new();
    private readonly object? _scope;
    private readonly Lock _scrape = new();

    public PrometheusExporter(IMeterFactory meterFactory)
    {
        _scope = meterFactory;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (Meters.Contains(instrument.Meter.Name) && (instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, _scope)))
            {
                _families[instrument] = new Family(instrument);
                listener.EnableMeasurementEvents(instrument, this);
            }
        };
        _listener.MeasurementsCompleted = (instrument, _) => _families.TryRemove(instrument, out Family? _);
        _listener.SetMeasurementEventCallback<byte>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<short>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<float>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<decimal>((i, v, tags, _) => Record(i, (double)v, tags));
        _listener.Start();
    }

    /// <summary>Every metric family, sorted by name.</summary>
    public string Scrape()
    {
        lock (_scrape)
        {
            foreach (Family family in _families.Values.Where(f => f.Instrument.IsObservable))
            {
                family.Series.Clear();
            }

            _listener.RecordObservableInstruments();
            var text = new StringBuilder();
            var written = new HashSet<string>(StringComparer.Ordinal);
            foreach (Family family in _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                if (written.Add(family.Name))
                {
                    family.Write(text);
                }
            }

            return text.ToString();
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (_families.TryGetValue(instrument, out Family? family))
        {
            family.Record(value, tags);
        }
    }

    private enum Kind
    {
        Counter,
        Gauge,
        Histogram,
    }

    /// <summary>One instrument: its Prometheus name and type, and a series per tag set.</summary>
    private sealed class Family
    {
        private readonly Kind _kind;
        private readonly bool _cumulative;
        private readonly double[] _boundaries;

        public Family(Instrument instrument)
        {
            Instrument = instrument;
            Type definition = instrument.GetType().IsGenericType ? instrument.GetType().GetGenericTypeDefinition() : instrument.GetType();
            (_kind, _cumulative) = definition switch
            {
                _ when definition == typeof(Counter<>) => (Kind.Counter, false),
                _ when definition == typeof(ObservableCounter<>) => (Kind.Counter, true),
                _ when definition == typeof(Histogram<>) => (Kind.Histogram, false),
                _ when definition == typeof(UpDownCounter<>) => (Kind.Gauge, false),
                _ => (Kind.Gauge, true), // Gauge, ObservableGauge, ObservableUpDownCounter: the last value
            };
            _boundaries = _kind == Kind.Histogram ? AdvisedBoundaries(instrument) ?? DefaultBoundaries : [];
            string name = PrometheusName(instrument.Name, instrument.Unit);
            Name = _kind == Kind.Counter && !name.EndsWith("_total", StringComparison.Ordinal) ? name + "_total" : name;
        }

        public Instrument Instrument { get; }

        public string Name { get; }

        public ConcurrentDictionary<string, Series> Series { get; } = new(StringComparer.Ordinal);

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            Series series = Series.GetOrAdd(Labels(tags), _ => new Series(_boundaries.Length));
            lock (series)
            {
                switch (_kind)
                {
                    case Kind.Histogram:
                        int bucket = Array.FindIndex(_boundaries, boundary => value <= boundary);
                        series.Buckets[bucket < 0 ? _boundaries.Length : bucket]++;
                        series.Count++;
                        series.Value += value;
                        break;
                    case Kind.Counter when !_cumulative:
                        series.Value += value;
                        break;
                    case Kind.Gauge when !_cumulative:
                        series.Value += value; // an up-down counter's deltas
                        break;
                    default:
                        series.Value = value;
                        break;
                }
            }
        }

        public void Write(StringBuilder text)
        {
            if (!string.IsNullOrEmpty(Instrument.Description))
            {
                text.Append("# HELP ").Append(Name).Append(' ').Append(Instrument.Description.Replace("\\", "\\\\").Replace("\n", "\\n")).Append('\n');
            }

            text.Append("# TYPE ").Append(Name).Append(' ').Append(_kind.ToString().ToLowerInvariant()).Append('\n');
            foreach ((string labels, Series series) in Series.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                lock (series)
                {
                    if (_kind != Kind.Histogram)
                    {
                        Line(text, Name, labels, null, series.Value);
                        continue;
                    }

                    long cumulative = 0;
                    for (int i = 0; i < _boundaries.Length; i++)
                    {
                        cumulative += series.Buckets[i];
                        Line(text, Name + "_bucket", labels, Number(_boundaries[i]), cumulative);
                    }

                    Line(text, Name + "_bucket", labels, "+Inf", series.Count);
                    Line(text, Name + "_sum", labels, null, series.Value);
                    Line(text, Name + "_count", labels, null, series.Count);
                }
            }
        }

        private static void Line(StringBuilder text, string name, string labels, string? le, double value)
        {
            text.Append(name);
            if (labels.Length > 0 || le is not null)
            {
                text.Append('{').Append(labels);
                if (le is not null)
                {
                    text.Append(labels.Length > 0 ? "," : "").Append("le=\"").Append(le).Append('"');
                }

                text.Append('}');
            }

            text.Append(' ').Append(Number(value)).Append('\n');
        }

        private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (tags.Length == 0)
            {
                return "";
            }

            var pairs = new List<(string Name, string Value)>(tags.Length);
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                string value = Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? "";
                pairs.Add((Sanitize(tag.Key), value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n")));
            }

            return string.Join(',', pairs.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{p.Name}=\"{p.Value}\""));
        }

        private static double[]? AdvisedBoundaries(Instrument instrument) => instrument switch
        {
            Histogram<double> h => h.Advice?.HistogramBucketBoundaries?.ToArray(),
            Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            _ => null,
        };
    }

    private sealed class Series(int boundaries)
    {
        public double Value { get; set; }

        public long Count { get; set; }

        public long[] Buckets { get; } = new long[boundaries + 1];
    }

    /// <summary>OpenTelemetry's Prometheus naming: dots to underscores, the unit as a suffix (s → seconds, By → bytes).</summary>
    internal static string PrometheusName(string name, string? unit)
    {
        string baseName = Sanitize(name);
        string suffix = unit switch
        {
            null or "" or "1" => "",
            "s" => "seconds",
            "ms" => "milliseconds",
            "By" => "bytes",
            _ when unit.StartsWith('{') => "", // an annotation such as {message}: no unit
            _ => Sanitize(unit),
        };
        return suffix.Length == 0 || baseName.EndsWith("_" + suffix, StringComparison.Ordinal) ? baseName : baseName + "_" + suffix;
    }

    private static string Sanitize(string name)
    {
        var clean = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            clean.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || c == ':' ? c : '_');
        }

        if (clean.Length == 0 || char.IsAsciiDigit(clean[0]))
        {
            clean.Insert(0, '_');
        }

        return clean.ToString();
    }

    private static string Number(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : double.IsNaN(value) ? "NaN"
        : value.ToString("R", CultureInfo.InvariantCulture);
}
