using Microsoft.Data.Sqlite;
using RydBox.Contract;
using RydBox.Gateway.Hosting;
using RydBox.Gateway.Storage;
using RydBox.Gateway.Storage.Sqlite;

namespace RydBox.Gateway.Ingest;

/// <summary>A message of the batch being committed, with its verdict and, once committed, its outcome.</summary>
internal sealed class PendingMessage(InboundMessage message, Verdict verdict)
{
    public InboundMessage Message { get; } = message;

    public Verdict Verdict { get; } = verdict;

    public IngestOutcome Outcome { get; set; }

    /// <summary>The dedupe key of a telemetry batch or event; null for everything else.</summary>
    public (string DeviceId, long Sequence)? Key => Verdict switch
    {
        TelemetryVerdict t => (t.Device.DeviceId, t.Message.Sequence),
        EventVerdict e => (e.Device.DeviceId, e.Message.Sequence),
        _ => null,
    };
}

/// <summary>
/// Writes one batch of validated messages: dedupe against the ledger and within the batch, then
/// one SQLite transaction with the ledger rows, telemetry (when SQLite holds it), events, latest
/// values, statuses and dead letters. When another store holds telemetry (InfluxDB), its write
/// comes first and the ledger commit after: a crash in between leaves telemetry the ledger does not
/// know, which the redelivery writes again — harmless, as the store's writes are idempotent per
/// (device, sequence) — while the opposite order could lose it.
/// </summary>
internal sealed class IngestCommitter(GatewayDatabase database, ITelemetryStore store, IngestOptions options)
{
    public async Task CommitAsync(IReadOnlyList<PendingMessage> batch, CancellationToken cancellationToken)
    {
        using SqliteConnection connection = database.Open();

        HashSet<(string, long)> known = SqliteMessageLedger.Existing(connection, null, batch.Select(p => p.Key).OfType<(string, long)>());
        var firstInBatch = new HashSet<(string, long)>();
        foreach (PendingMessage pending in batch)
        {
            pending.Outcome = pending.Verdict is DeadLetterVerdict
                ? IngestOutcome.DeadLettered
                : pending.Key is { } key && (known.Contains(key) || !firstInBatch.Add(key))
                    ? IngestOutcome.Duplicate
                    : IngestOutcome.Stored;
        }

        bool sqliteTelemetry = store is SqliteTelemetryStore;
        if (!sqliteTelemetry)
        {
            List<IngestedBatch> external = Telemetry(batch);
            if (external.Count > 0)
            {
                await store.WriteAsync(external, cancellationToken);
            }
        }

        using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);

        // The ledger decides last: a row someone else inserted since the check above is a duplicate too.
        List<PendingMessage> sequenced = batch.Where(p => p.Outcome == IngestOutcome.Stored && p.Key is not null).ToList();
        bool[] inserted = SqliteMessageLedger.Record(connection, transaction, sequenced
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
            SqliteTelemetryStore.Write(connection, transaction, telemetry);
        }

        SqliteLatestValues.Update(connection, transaction, telemetry);
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

        transaction.Commit();
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
