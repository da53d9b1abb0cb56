using Microsoft.Data.Sqlite;
using RydBox.Contract;
using RydBox.Gateway.Hosting;
using RydBox.Gateway.Storage;
using RydBox.Gateway.Storage.Sqlite;

namespace RydBox.Gateway.Ingest;

/// <summary>
/// A message on its way from the broker to the commit: validated once, by whichever comes first —
/// the submitting connection's thread right after it queued the message, or the writer loop — and,
/// once committed, with its outcome. Thread-safe until it is committed.
/// </summary>
internal sealed class PendingMessage(InboundMessage message)
{
    private readonly Lock _validation = new();
    private Verdict? _verdict;
    private LatestValue[]? _latestValues;

    public InboundMessage Message { get; } = message;

    /// <summary>The topic's kind as a metric tag, worked out where the message is submitted rather than in the writer loop.</summary>
    public string Kind { get; } = IngestPipeline.KindOf(message.Topic);

    /// <summary>The verdict of <see cref="Validate"/>; only after it.</summary>
    public Verdict Verdict => Volatile.Read(ref _verdict) ?? throw new InvalidOperationException("the message has not been validated");

    public bool IsValidated => Volatile.Read(ref _verdict) is not null;

    public IngestOutcome Outcome { get; set; }

    /// <summary>A valid telemetry batch's newest value of each signal, worked out with the validation.</summary>
    public LatestValue[] LatestValues => _latestValues ?? [];

    /// <summary>The dedupe key of a telemetry batch or event; null for everything else.</summary>
    public (string DeviceId, long Sequence)? Key => Verdict switch
    {
        TelemetryVerdict t => (t.Device.DeviceId, t.Message.Sequence),
        EventVerdict e => (e.Device.DeviceId, e.Message.Sequence),
        _ => null,
    };

    /// <summary>
    /// Decodes and validates the message unless that was done already (a second caller waits for the
    /// first). Throws only what the device directory throws; the message then stays unvalidated and
    /// the next call tries again.
    /// </summary>
    public void Validate(MessageValidator validator, DateTimeOffset now)
    {
        if (IsValidated)
        {
            return;
        }

        lock (_validation)
        {
            if (_verdict is null)
            {
                Verdict verdict = validator.Validate(Message, now);
                if (verdict is TelemetryVerdict telemetry)
                {
                    _latestValues = SqliteLatestValues.NewestOf(telemetry.Message);
                }

                Volatile.Write(ref _verdict, verdict);
            }
        }
    }
}

/// <summary>
/// Writes one batch of validated messages: dedupe against the ledger and within the batch, then
/// one SQLite transaction with the ledger rows, telemetry (when SQLite holds it), events, latest
/// values, statuses and dead letters. When another store holds telemetry (InfluxDB), its write
/// comes first and the ledger commit after: a crash in between leaves telemetry the ledger does not
/// know, which the redelivery writes again — harmless, as the store's writes are idempotent per
/// (device, sequence) — while the opposite order could lose it.
/// <para>
/// It keeps one connection open with its statements prepared (<see cref="SqliteIngestWriter"/>),
/// and opens a new one after a failure. With SQLite holding telemetry, the ledger insert alone
/// decides what is new (INSERT OR IGNORE: a key already there is a duplicate), so there is no
/// separate look-up before it; the external store needs that look-up, to write only what is new.
/// </para>
/// </summary>
internal sealed class IngestCommitter(GatewayDatabase database, ITelemetryStore store, IngestOptions options, ILogger logger) : IDisposable
{
    private SqliteIngestWriter? _writer;

    public async Task CommitAsync(IReadOnlyList<PendingMessage> batch, CancellationToken cancellationToken)
    {
        SqliteIngestWriter writer = _writer ??= new SqliteIngestWriter(database, logger);
        try
        {
            await CommitAsync(writer, batch, cancellationToken);
        }
        catch
        {
            _writer = null;
            writer.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _writer = null;
    }

    private async Task CommitAsync(SqliteIngestWriter writer, IReadOnlyList<PendingMessage> batch, CancellationToken cancellationToken)
    {
        SqliteConnection connection = writer.Connection;
        bool sqliteTelemetry = store is SqliteTelemetryStore;
        HashSet<(string, long)> known = sqliteTelemetry
            ? []
            : SqliteMessageLedger.Existing(connection, null, batch.Select(p => p.Key).OfType<(string, long)>());
        var firstInBatch = new HashSet<(string, long)>();
        foreach (PendingMessage pending in batch)
        {
            pending.Outcome = pending.Verdict is DeadLetterVerdict
                ? IngestOutcome.DeadLettered
                : pending.Key is { } key && (known.Contains(key) || !firstInBatch.Add(key))
                    ? IngestOutcome.Duplicate
                    : IngestOutcome.Stored;
        }

        if (!sqliteTelemetry)
        {
            List<IngestedBatch> external = Telemetry(batch);
            if (external.Count > 0)
            {
                await store.WriteAsync(external, cancellationToken);
            }
        }

        using SqliteTransaction transaction = writer.Begin();

        // The ledger decides last: a key stored before (or by someone else since the look-up above) is a duplicate.
        List<PendingMessage> sequenced = batch.Where(p => p.Outcome == IngestOutcome.Stored && p.Key is not null).ToList();
        bool[] inserted = writer.RecordLedger(sequenced
            .Select(p => new LedgerEntry(
                p.Key!.Value.DeviceId,
                p.Key.Value.Sequence,
                p.Verdict is TelemetryVerdict ? LedgerEntry.Telemetry : LedgerEntry.Event,
                p.Message.ReceivedAt.ToUnixTimeMilliseconds()))
            .ToList());
        for (int i = 0; i < sequenced.Count; i++)
        {
            if (!inserted[i])
            {
                sequenced[i].Outcome = IngestOutcome.Duplicate;
            }
        }

        List<IngestedBatch> telemetry = Telemetry(batch);
        if (sqliteTelemetry)
        {
            writer.WriteTelemetry(telemetry);
        }

        writer.UpdateLatestValues(batch
            .Where(p => p.Outcome == IngestOutcome.Stored && p.Verdict is TelemetryVerdict)
            .Select(p => (((TelemetryVerdict)p.Verdict).Device.DeviceId, (IReadOnlyList<LatestValue>)p.LatestValues))
            .ToList());
        SqliteBoxEvents.Write(connection, transaction, batch
            .Where(p => p.Outcome == IngestOutcome.Stored)
            .Select(p => p.Verdict)
            .OfType<EventVerdict>()
            .Select(e => (e.Device.DeviceId, e.Message))
            .ToList());
        foreach (PendingMessage pending in batch)
        {
            if (pending.Verdict is StatusVerdict status)
            {
                SqliteDeviceStatus.Write(connection, transaction, status.Device.DeviceId, status.Message, status.TimeMs);
            }
        }

        List<DeadLetter> deadLetters = batch
            .Where(p => p.Verdict is DeadLetterVerdict)
            .Select(p => ToDeadLetter(p.Message, (DeadLetterVerdict)p.Verdict))
            .ToList();
        if (deadLetters.Count > 0)
        {
            SqliteDeadLetters.Write(connection, transaction, deadLetters);
            SqliteDeadLetters.Trim(connection, transaction, options.DeadLetterLimit);
        }

        writer.Commit(transaction);
    }

    private static List<IngestedBatch> Telemetry(IReadOnlyList<PendingMessage> batch) =>
        batch
            .Where(p => p.Outcome == IngestOutcome.Stored && p.Verdict is TelemetryVerdict)
            .Select(p =>
            {
                var verdict = (TelemetryVerdict)p.Verdict;
                return new IngestedBatch(verdict.Device.DeviceId, verdict.Device.TenantId, verdict.Message, p.Message.Payload, p.Message.ReceivedAt);
            })
            .ToList();

    private DeadLetter ToDeadLetter(InboundMessage message, DeadLetterVerdict verdict)
    {
        // An oversized payload is kept only up to the size limit: dead letters must not fill the disk.
        ReadOnlyMemory<byte> payload = message.Payload;
        string detail = verdict.Detail;
        int keep = Math.Max(options.MaxMessageBytes, 0);
        if (payload.Length > keep)
        {
            payload = payload[..keep];
            detail += $" (the first {keep} bytes are kept)";
        }

        return new DeadLetter(message.ReceivedAt.ToUnixTimeMilliseconds(), verdict.DeviceId, verdict.TenantId, message.Topic, verdict.Reason, detail, payload);
    }
}
