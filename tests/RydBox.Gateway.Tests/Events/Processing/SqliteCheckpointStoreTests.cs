using Microsoft.Data.Sqlite;
using RydBox.Gateway.Events.Processing;
using RydBox.Gateway.Storage;

namespace RydBox.Gateway.Tests.Events.Processing;

/// <summary>Checkpoints kept in memory until the round's write transaction, read over what a real SQLite file holds.</summary>
public sealed class SqliteCheckpointStoreTests : IDisposable
{
    private const string Device = "car-1";
    private static readonly DetectorStates States = new DetectorSet(new EventsOptions(), VehicleRules.None).Initial;
    private readonly string _directory = Directory.CreateTempSubdirectory("rydbox-checkpoints-").FullName;
    private readonly GatewayDatabase _database;

    public SqliteCheckpointStoreTests() => _database = new GatewayDatabase(Path.Combine(_directory, "gateway.db"));

    [Fact]
    public void Changes_are_seen_at_once_but_written_only_by_the_flush()
    {
        using SqliteConnection connection = _database.Open();
        Round(connection, store => store.Save(Checkpoint(1_000)));
        var store = new SqliteCheckpointStore(connection, null, Device);

        store.Save(Checkpoint(2_000));
        store.DropBefore(1_500);

        store.HasChanges.Should().BeTrue();
        store.LatestBefore(5_000)!.AtUnixMs.Should().Be(2_000);
        store.LatestBefore(1_800).Should().BeNull("the stored 1,000 is dropped");
        StoredTimes(connection).Should().Equal(1_000);

        Flush(connection, store);
        StoredTimes(connection).Should().Equal(2_000);
    }

    [Fact]
    public void A_replay_drops_the_stored_checkpoints_after_its_start_and_keeps_what_it_takes_since()
    {
        using SqliteConnection connection = _database.Open();
        Round(connection, store =>
        {
            store.Save(Checkpoint(1_000));
            store.Save(Checkpoint(2_000));
            store.Save(Checkpoint(3_000));
        });
        var replay = new SqliteCheckpointStore(connection, null, Device);

        TimelineCheckpoint from = replay.LatestBefore(2_500)!;
        replay.DropAfter(from.AtUnixMs);
        replay.LatestBefore(10_000)!.AtUnixMs.Should().Be(2_000, "3,000 is dropped though still stored");
        replay.Save(Checkpoint(2_800));
        replay.LatestBefore(10_000)!.AtUnixMs.Should().Be(2_800);
        Flush(connection, replay);

        StoredTimes(connection).Should().Equal(1_000, 2_000, 2_800);
        new SqliteCheckpointStore(connection, null, Device).HasChanges.Should().BeFalse();
    }

    [Fact]
    public void Over_many_rounds_it_answers_as_the_checkpoints_in_memory_do()
    {
        var random = new Random(6);
        var memory = new MemoryCheckpointStore();
        using SqliteConnection connection = _database.Open();
        long newest = 0;
        for (int round = 0; round < 40; round++)
        {
            var store = new SqliteCheckpointStore(connection, null, Device);
            for (int step = 0; step < 8; step++)
            {
                long at = random.NextInt64(0, newest + 5_000);
                switch (random.Next(4))
                {
                    case 0:
                    case 1:
                        // As a timeline takes them: each newer than the last it took.
                        newest += random.Next(1, 2_000);
                        memory.Save(Checkpoint(newest));
                        store.Save(Checkpoint(newest));
                        break;
                    case 2:
                        memory.DropAfter(at);
                        store.DropAfter(at);
                        newest = Math.Min(newest, at);
                        break;
                    default:
                        memory.DropBefore(at / 4);
                        store.DropBefore(at / 4);
                        break;
                }

                store.LatestBefore(at)?.AtUnixMs.Should().Be(memory.LatestBefore(at)?.AtUnixMs, $"round {round}, step {step}, before {at}");
            }

            Flush(connection, store);
        }

        StoredTimes(connection).Should().NotBeEmpty();
        foreach (long at in StoredTimes(connection))
        {
            new SqliteCheckpointStore(connection, null, Device).LatestBefore(at + 1)!.AtUnixMs.Should().Be(memory.LatestBefore(at + 1)!.AtUnixMs);
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static TimelineCheckpoint Checkpoint(long atUnixMs) => new(atUnixMs, States);

    private static void Round(SqliteConnection connection, Action<SqliteCheckpointStore> changes)
    {
        var store = new SqliteCheckpointStore(connection, null, Device);
        changes(store);
        Flush(connection, store);
    }

    private static void Flush(SqliteConnection connection, SqliteCheckpointStore store)
    {
        using SqliteTransaction transaction = connection.BeginTransaction();
        store.Flush(transaction);
        transaction.Commit();
    }

    private static List<long> StoredTimes(SqliteConnection connection)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT at_ms FROM detector_checkpoints WHERE device_id = $device ORDER BY at_ms";
        command.Parameters.AddWithValue("$device", Device);
        using SqliteDataReader reader = command.ExecuteReader();
        var times = new List<long>();
        while (reader.Read())
        {
            times.Add(reader.GetInt64(0));
        }

        return times;
    }
}
