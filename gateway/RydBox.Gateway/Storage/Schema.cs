using Microsoft.Data.Sqlite;

namespace RydBox.Gateway.Storage;

/// <summary>
/// The SQLite schema as numbered migrations; PRAGMA user_version records how far a file is.
/// Times are unix milliseconds (UTC). New tables or columns are new migrations, never edits.
/// </summary>
public static class Schema
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE tenants (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            retention_days INTEGER NULL,          -- NULL keeps data forever
            created_ms INTEGER NOT NULL
        );
        CREATE TABLE devices (
            id TEXT PRIMARY KEY,                  -- MQTT client id and user name
            tenant_id TEXT NOT NULL REFERENCES tenants(id),
            name TEXT NULL,
            vin TEXT NULL,
            secret_hash TEXT NOT NULL,            -- PBKDF2, see Identity/SecretHasher
            revoked INTEGER NOT NULL DEFAULT 0,
            created_ms INTEGER NOT NULL
        );
        CREATE INDEX devices_by_tenant ON devices(tenant_id);
        CREATE TABLE api_keys (
            id TEXT PRIMARY KEY,                  -- public part of the key
            tenant_id TEXT NOT NULL REFERENCES tenants(id),
            name TEXT NULL,
            key_hash TEXT NOT NULL,
            revoked INTEGER NOT NULL DEFAULT 0,
            created_ms INTEGER NOT NULL
        );
        -- Every telemetry batch and event once: the dedupe ledger, whatever store holds telemetry.
        CREATE TABLE received_messages (
            device_id TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            kind INTEGER NOT NULL,                -- 1 telemetry, 2 event
            received_ms INTEGER NOT NULL,
            PRIMARY KEY (device_id, sequence)
        ) WITHOUT ROWID;
        -- Telemetry as the box sent it (CBOR v1, about 23 bytes a sample), one row per batch.
        CREATE TABLE telemetry_batches (
            device_id TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            first_ms INTEGER NOT NULL,
            last_ms INTEGER NOT NULL,
            sample_count INTEGER NOT NULL,
            payload BLOB NOT NULL,
            PRIMARY KEY (device_id, sequence)
        ) WITHOUT ROWID;
        CREATE INDEX telemetry_by_time ON telemetry_batches(device_id, first_ms);
        -- The on-board computer: each signal's latest value.
        CREATE TABLE latest_values (
            device_id TEXT NOT NULL,
            signal_id INTEGER NOT NULL,
            time_ms INTEGER NOT NULL,
            raw INTEGER NOT NULL,
            value REAL NOT NULL,
            PRIMARY KEY (device_id, signal_id)
        ) WITHOUT ROWID;
        CREATE TABLE box_events (
            device_id TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            type INTEGER NOT NULL,                -- BoxEventType wire code
            time_ms INTEGER NOT NULL,
            latitude_e7 INTEGER NULL,
            longitude_e7 INTEGER NULL,
            value INTEGER NOT NULL,
            detail TEXT NULL,
            PRIMARY KEY (device_id, sequence)
        ) WITHOUT ROWID;
        CREATE INDEX box_events_by_time ON box_events(device_id, time_ms);
        CREATE TABLE device_status (
            device_id TEXT PRIMARY KEY,
            online INTEGER NOT NULL,
            firmware TEXT NULL,
            vin TEXT NULL,
            protocol TEXT NULL,
            supported_pids TEXT NULL,             -- comma-separated hex
            status_ms INTEGER NOT NULL            -- the box's time, or arrival for the will
        );
        CREATE TABLE dead_letters (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            received_ms INTEGER NOT NULL,
            device_id TEXT NULL,                  -- NULL when the sender is unknown
            tenant_id TEXT NULL,
            topic TEXT NOT NULL,
            reason TEXT NOT NULL,                 -- WireError or an ingest rule
            detail TEXT NOT NULL,
            payload BLOB NOT NULL
        );
        CREATE INDEX dead_letters_by_tenant ON dead_letters(tenant_id, id);
        """,
        """
        -- Telemetry rows in arrival order (a rowid table) instead of clustered by device: a commit of
        -- batches from hundreds of boxes appends its rows to a few new pages, where it rewrote each
        -- box's newest page of payloads before (some 1,100 of 1,700 pages a 512-message commit wrote
        -- with 1,000 boxes). Lookups by device and sequence or time go through the two indexes.
        CREATE TABLE telemetry_batches_in_arrival_order (
            id INTEGER PRIMARY KEY,
            device_id TEXT NOT NULL,
            sequence INTEGER NOT NULL,
            first_ms INTEGER NOT NULL,
            last_ms INTEGER NOT NULL,
            sample_count INTEGER NOT NULL,
            payload BLOB NOT NULL,
            UNIQUE (device_id, sequence)
        );
        INSERT INTO telemetry_batches_in_arrival_order (device_id, sequence, first_ms, last_ms, sample_count, payload)
            SELECT device_id, sequence, first_ms, last_ms, sample_count, payload FROM telemetry_batches;
        DROP TABLE telemetry_batches;
        ALTER TABLE telemetry_batches_in_arrival_order RENAME TO telemetry_batches;
        CREATE INDEX telemetry_by_time ON telemetry_batches(device_id, first_ms);
        """,
        """
        -- The on-board computer as one row per device: every signal's latest value in one JSON object
        -- {"signal id": [time_ms, raw, value], ...} (ids ascending), so that a batch updates one row per
        -- device instead of one per signal (some 14). latest_values stays as a view, one row per
        -- (device, signal), and takes inserts and deletes; a delete through it counts no changes.
        CREATE TABLE latest_signals (
            device_id TEXT PRIMARY KEY,
            signals TEXT NOT NULL
        ) WITHOUT ROWID;
        INSERT INTO latest_signals (device_id, signals)
            SELECT device_id, json_group_object(signal_id, json_array(time_ms, raw, value))
            FROM (SELECT * FROM latest_values ORDER BY device_id, signal_id)
            GROUP BY device_id;
        DROP TABLE latest_values;
        CREATE VIEW latest_values (device_id, signal_id, time_ms, raw, value) AS
            SELECT l.device_id, CAST(s.key AS INTEGER), s.value ->> 0, s.value ->> 1, CAST(s.value ->> 2 AS REAL)
            FROM latest_signals l, json_each(l.signals) s;
        CREATE TRIGGER latest_values_insert INSTEAD OF INSERT ON latest_values
        BEGIN
            INSERT INTO latest_signals (device_id, signals)
                VALUES (NEW.device_id, json_object(CAST(NEW.signal_id AS TEXT), json_array(NEW.time_ms, NEW.raw, NEW.value)))
                ON CONFLICT (device_id) DO UPDATE
                    SET signals = json_set(signals, '$."' || NEW.signal_id || '"', json_array(NEW.time_ms, NEW.raw, NEW.value));
        END;
        CREATE TRIGGER latest_values_delete INSTEAD OF DELETE ON latest_values
        BEGIN
            UPDATE latest_signals SET signals = json_remove(signals, '$."' || OLD.signal_id || '"') WHERE device_id = OLD.device_id;
            DELETE FROM latest_signals WHERE device_id = OLD.device_id AND signals = '{}';
        END;
        """,
        """
        -- Event delivery (Events/Delivery): a tenant's webhooks, and one queued delivery per webhook and
        -- notification, kept after it succeeded (for a while) or failed (until retried or removed).
        CREATE TABLE webhooks (
            id TEXT PRIMARY KEY,                  -- "wh_" and 12 of a-z 0-9
            tenant_id TEXT NOT NULL REFERENCES tenants(id),
            url TEXT NOT NULL,                    -- http or https
            secret TEXT NOT NULL,                 -- as issued, not hashed: every delivery is signed with it
            kinds TEXT NOT NULL,                  -- comma-separated event kinds; '' for all
            enabled INTEGER NOT NULL DEFAULT 1,
            created_ms INTEGER NOT NULL
        );
        CREATE INDEX webhooks_by_tenant ON webhooks(tenant_id);
        CREATE TABLE webhook_deliveries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            webhook_id TEXT NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
            tenant_id TEXT NOT NULL,
            device_id TEXT NOT NULL,              -- for erasing a device's data
            notification_id TEXT NOT NULL,        -- "{device}/{event key}/{change}", the X-RydBox-Delivery header
            body TEXT NOT NULL,                   -- the JSON posted, exactly as signed
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_ms INTEGER NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
            last_status_code INTEGER NULL,
            last_error TEXT NULL,
            created_ms INTEGER NOT NULL,
            updated_ms INTEGER NOT NULL
        );
        CREATE INDEX webhook_deliveries_due ON webhook_deliveries(status, next_attempt_ms);
        CREATE INDEX webhook_deliveries_by_tenant ON webhook_deliveries(tenant_id, status, id);
        CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries(webhook_id);
        CREATE INDEX webhook_deliveries_by_device ON webhook_deliveries(device_id);
        """,
        """
        -- Events (Events/Processing): the latest version of every episode the detectors found.
        CREATE TABLE vehicle_events (
            device_id TEXT NOT NULL,
            event_key TEXT NOT NULL,              -- VehicleEvent.Key: kind and start, the same for the same samples
            tenant_id TEXT NOT NULL,
            kind TEXT NOT NULL,                   -- EventKinds
            start_ms INTEGER NOT NULL,
            end_ms INTEGER NULL,                  -- NULL while the episode goes on
            body TEXT NOT NULL,                   -- the VehicleEvent as JSON, with its "kind"
            withdrawn_ms INTEGER NULL,            -- late data re-derived the events without this one (two trips became one)
            updated_ms INTEGER NOT NULL,
            PRIMARY KEY (device_id, event_key)
        ) WITHOUT ROWID;
        CREATE INDEX vehicle_events_by_device ON vehicle_events(device_id, kind, start_ms);
        CREATE INDEX vehicle_events_by_tenant ON vehicle_events(tenant_id, kind, start_ms);
        -- Where each device's detection stands (Events/Processing/TimelineState as JSON).
        CREATE TABLE detector_state (
            device_id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL,
            state TEXT NOT NULL,
            updated_ms INTEGER NOT NULL
        ) WITHOUT ROWID;
        -- Every detector's state per device at moments of the box's time, kept for a while: where a
        -- replay starts when data arrives late.
        CREATE TABLE detector_checkpoints (
            device_id TEXT NOT NULL,
            at_ms INTEGER NOT NULL,               -- the states hold every observation up to this time
            states TEXT NOT NULL,                 -- DetectorStates as JSON
            PRIMARY KEY (device_id, at_ms)
        ) WITHOUT ROWID;
        -- The logbook's history: append-only (triggers refuse changes), each row's hash covering the
        -- row and the hash of the device's row before it, so that an edit or a removal shows.
        CREATE TABLE trip_log (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            device_id TEXT NOT NULL,
            trip_key TEXT NOT NULL,
            change TEXT NOT NULL,                 -- detected, updated, withdrawn, classified
            purpose TEXT NULL,                    -- business, private (classified rows)
            note TEXT NULL,
            body TEXT NOT NULL,                   -- the trip as it stood after the change (JSON)
            actor TEXT NOT NULL,                  -- "gateway", or who classified it
            at_ms INTEGER NOT NULL,
            previous_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE INDEX trip_log_by_trip ON trip_log(device_id, trip_key, id);
        CREATE INDEX trip_log_by_device ON trip_log(device_id, id);
        CREATE TRIGGER trip_log_append_only BEFORE UPDATE ON trip_log
        BEGIN
            SELECT RAISE(ABORT, 'the trip log is append-only');
        END;
        -- Family-safety rules: for one vehicle (device_id) or every vehicle of the tenant (NULL).
        CREATE TABLE geofences (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id),
            device_id TEXT NULL,
            definition TEXT NOT NULL,             -- the Geofence as JSON
            created_ms INTEGER NOT NULL
        );
        CREATE INDEX geofences_by_tenant ON geofences(tenant_id, device_id);
        CREATE TABLE curfews (
            id TEXT PRIMARY KEY,
            tenant_id TEXT NOT NULL REFERENCES tenants(id),
            device_id TEXT NULL,
            definition TEXT NOT NULL,             -- the CurfewWindow as JSON
            created_ms INTEGER NOT NULL
        );
        CREATE INDEX curfews_by_tenant ON curfews(tenant_id, device_id);
        """,
        """
        -- Erasures of detection state, counted by a trigger (whoever deletes, in the same statement):
        -- a running event processor compares one number a round instead of looking up every device's
        -- state, and only when it moved looks for the devices whose state is gone.
        CREATE TABLE detection_erasures (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            count INTEGER NOT NULL
        );
        INSERT INTO detection_erasures (id, count) VALUES (1, 0);
        CREATE TRIGGER detector_state_erased AFTER DELETE ON detector_state
        BEGIN
            UPDATE detection_erasures SET count = count + 1 WHERE id = 1;
        END;
        """,
    ];

    public static int Version => Migrations.Length;

    public static void Migrate(SqliteConnection connection) => Migrate(connection, Migrations.Length);

    /// <summary>Brings the file up to <paramref name="version"/> (tests start from older versions with it).</summary>
    internal static void Migrate(SqliteConnection connection, int version)
    {
        using SqliteCommand read = connection.CreateCommand();
        read.CommandText = "PRAGMA user_version";
        int current = Convert.ToInt32(read.ExecuteScalar());
        if (current > Migrations.Length)
        {
            throw new InvalidOperationException($"the database is at schema version {current}, newer than this gateway ({Migrations.Length}); upgrade the gateway");
        }

        for (int next = current; next < version; next++)
        {
            using SqliteTransaction transaction = connection.BeginTransaction();
            using SqliteCommand migrate = connection.CreateCommand();
            migrate.Transaction = transaction;
            migrate.CommandText = Migrations[next] + $"\nPRAGMA user_version = {next + 1};";
            migrate.ExecuteNonQuery();
            transaction.Commit();
        }
    }
}
