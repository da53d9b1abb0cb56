namespace RydBox.Simulator.Fleet;

/// <summary>
/// Latencies in logarithmic buckets 1 % wide, from 1 µs to about 20 minutes: recording is one
/// interlocked increment, so thousands of boxes can record at once without a lock, and a
/// percentile is off by at most 1 %. The maximum is kept exactly.
/// </summary>
public sealed class LatencyHistogram
{
    private const double Growth = 1.01;
    private const int Buckets = 2_200;
    private static readonly double LogGrowth = Math.Log(Growth);

    private readonly long[] _counts = new long[Buckets];
    private long _count;
    private long _maxMicros;

    public long Count => Interlocked.Read(ref _count);

    public double MaxMilliseconds => Interlocked.Read(ref _maxMicros) / 1000.0;

    public void Record(long micros)
    {
        micros = Math.Max(micros, 1);
        int bucket = Math.Min((int)Math.Ceiling(Math.Log(micros) / LogGrowth), Buckets - 1);
        Interlocked.Increment(ref _counts[bucket]);
        Interlocked.Increment(ref _count);
        long max = Interlocked.Read(ref _maxMicros);
        while (micros > max)
        {
            long seen = Interlocked.CompareExchange(ref _maxMicros, micros, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    /// <summary>The latency that <paramref name="fraction"/> of the recorded ones do not exceed (the bucket's upper edge, capped at the maximum); 0 when empty.</summary>
    public double PercentileMilliseconds(double fraction)
    {
        long count = Count;
        if (count == 0)
        {
            return 0;
        }

        long rank = Math.Max(1, (long)Math.Ceiling(fraction * count));
        long seen = 0;
        for (int bucket = 0; bucket < Buckets; bucket++)
        {
            seen += Interlocked.Read(ref _counts[bucket]);
            if (seen >= rank)
            {
                return Math.Min(Math.Pow(Growth, bucket), Interlocked.Read(ref _maxMicros)) / 1000.0;
            }
        }

        return MaxMilliseconds;
    }
}
