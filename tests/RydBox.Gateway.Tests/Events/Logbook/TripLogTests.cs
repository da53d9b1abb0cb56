using System.Text;
using Microsoft.Data.Sqlite;
using RydBox.Gateway.Events.Logbook;
using RydBox.Gateway.Privacy;
using RydBox.Gateway.Storage;

namespace RydBox.Gateway.Tests.Events.Logbook;

/// <summary>The hash recipe against README.md's worked example (computed there with Python), and the chain on a real SQLite file.</summary>
public sealed class TripLogTests : IDisposable
{
    // README.md, "The hash recipe": the example rows and their hashes.
    private static readonly TripLogEntry ReadmeClassified = new(
        "box-1", "trip:1700000000000", "classified", "business", "Client visit, München", """{"kind":"trip","startUnixMs":1700000000000}""", "api-key:k1", 1_700_000_600_000);

    private static readonly TripLogEntry ReadmeWithdrawn = new(
        "box-1", "trip:1700000000000", "withdrawn", null, null, """{"kind":"trip","startUnixMs":1700000000000}""", "gateway", 1_700_000_700_000);

    private const string ReadmeClassifiedHash = "095a87e204abbbeb91998bf218efac5697a3b56eacda8bd50faef24ea34fdc2e";
    private const string ReadmeWithdrawnHash = "a7841241f726478714b4c565e64b2dd1e79abac771ed8f732a6549770e5d270b";

    private readonly string _directory = Directory.CreateTempSubdirectory("rydbox-triplog-").FullName;
    private readonly GatewayDatabase _database;

    public TripLogTests() => _database = new GatewayDatabase(Path.Combine(_directory, "gateway.db"));

    [Fact]
    public void The_canonical_bytes_and_hashes_are_those_of_the_readme_example()
    {
        Encoding.UTF8.GetString(TripLogHash.Canonical(ReadmeClassified, TripLogHash.Genesis)).Should().Be(
            "17:rydbox-trip-log/1,64:" + new string('0', 64) + ",5:box-1,18:trip:1700000000000,10:classified,8:business,"
            + "22:Client visit, München,43:{\"kind\":\"trip\",\"startUnixMs\":1700000000000},10:api-key:k1,13:1700000600000,");
        TripLogHash.Compute(ReadmeClassified, TripLogHash.Genesis).Should().Be(ReadmeClassifiedHash);
        TripLogHash.Compute(ReadmeWithdrawn, ReadmeClassifiedHash).Should().Be(ReadmeWithdrawnHash);
        File.ReadAllText(ReadmePath()).Should().Contain(ReadmeClassifiedHash).And.Contain(ReadmeWithdrawnHash);
    }

    [Fact]
    public void Null_and_empty_text_and_shifted_field_boundaries_hash_differently()
    {
        var withNull = ReadmeClassified with { Note = null };
        var withEmpty = ReadmeClassified with { Note = "" };
        var shifted = ReadmeClassified with { DeviceId = "box-1trip", TripKey = ":1700000000000" };

        new[] { TripLogHash.Compute(withNull, TripLogHash.Genesis), TripLogHash.Compute(withEmpty, TripLogHash.Genesis), TripLogHash.Compute(shifted, TripLogHash.Genesis), ReadmeClassifiedHash }
            .Should().OnlyHaveUniqueItems();
        Action lone = () => TripLogHash.Compute(ReadmeClassified with { Note = "\uD800" }, TripLogHash.Genesis);
        lone.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Each_devices_rows_chain_to_that_devices_row_before_them_from_the_genesis()
    {
        Append(Row("box-a", "trip:1", TripLogChanges.Detected));
        Append(Row("box-b", "trip:1", TripLogChanges.Detected));
        Append(Row("box-a", "trip:1", TripLogChanges.Updated));
        Append(Row("box-a", "trip:2", TripLogChanges.Detected));

        using SqliteConnection connection = _database.Open();
        TripLogRow[] a = [.. TripLog.History(connection, "box-a", "trip:1"), .. TripLog.History(connection, "box-a", "trip:2")];
        TripLogRow b = TripLog.History(connection, "box-b", "trip:1").Single();
        a[0].PreviousHash.Should().Be(TripLogHash.Genesis);
        b.PreviousHash.Should().Be(TripLogHash.Genesis, "box-b's chain is its own");
        a[1].PreviousHash.Should().Be(a[0].Hash);
        a[2].PreviousHash.Should().Be(a[1].Hash);
        a.Should().OnlyContain(row => row.Hash == TripLogHash.Compute(row.Entry, row.PreviousHash));
        TripLog.Verify(connection, "box-a").Should().Be(new TripLogVerification("box-a", true, 3, a[2].Id, a[2].Hash, null, null));
        TripLog.Verify(connection, "box-none").Should().Be(new TripLogVerification("box-none", true, 0, null, TripLogHash.Genesis, null, null));
    }

    [Fact]
    public void Append_refuses_rows_the_log_does_not_know_and_writes_nothing_for_them()
    {
        Action unknown = () => Append(Row("box-a", "trip:1", "edited"));
        Action noPurpose = () => Append(Row("box-a", "trip:1", TripLogChanges.Classified));
        Action purposeOnDetected = () => Append(Row("box-a", "trip:1", TripLogChanges.Detected) with { Purpose = "business" });
        Action wrongPurpose = () => Append(Row("box-a", "trip:1", TripLogChanges.Classified) with { Purpose = "commute" });

        unknown.Should().Throw<ArgumentException>().WithMessage("*'edited' is not a trip log change*");
        noPurpose.Should().Throw<ArgumentException>().WithMessage("*needs a purpose*");
        purposeOnDetected.Should().Throw<ArgumentException>().WithMessage("*carries no purpose or note*");
        wrongPurpose.Should().Throw<ArgumentException>();
        using SqliteConnection connection = _database.Open();
        TripLog.Verify(connection, "box-a").Rows.Should().Be(0);
    }

    [Fact]
    public void Erasure_removes_the_devices_whole_chain_and_no_other()
    {
        Append(Row("box-a", "trip:1", TripLogChanges.Detected));
        Append(Row("box-b", "trip:1", TripLogChanges.Detected));
        Append(Row("box-a", "trip:1", TripLogChanges.Updated));

        using SqliteConnection connection = _database.Open();
        DetectionErasure.Erase(connection, "box-a", deleteDevice: false).Should().Be(2);
        TripLog.Verify(connection, "box-a").Should().Be(new TripLogVerification("box-a", true, 0, null, TripLogHash.Genesis, null, null));
        TripLog.Verify(connection, "box-b").Rows.Should().Be(1);
        TripLog.Verify(connection, "box-b").Valid.Should().BeTrue();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static TripLogEntry Row(string device, string trip, string change) =>
        new(device, trip, change, null, null, $$"""{"kind":"trip","device":"{{device}}"}""", "gateway", 1_700_000_000_000);

    private void Append(TripLogEntry entry)
    {
        using SqliteConnection connection = _database.Open();
        using SqliteTransaction transaction = connection.BeginTransaction();
        TripLog.Append(connection, transaction, entry);
        transaction.Commit();
    }

    private static string ReadmePath()
    {
        string? directory = AppContext.BaseDirectory;
        while (directory is not null && !File.Exists(Path.Combine(directory, "RydBox.sln")))
        {
            directory = Path.GetDirectoryName(directory);
        }

        directory.Should().NotBeNull("the tests run inside the repository");
        return Path.Combine(directory!, "gateway", "RydBox.Gateway", "Events", "Logbook", "README.md");
    }
}
