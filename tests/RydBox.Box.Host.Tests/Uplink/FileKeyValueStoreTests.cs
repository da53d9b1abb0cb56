using RydBox.Box.Host.Storage;

namespace RydBox.Box.Host.Tests.Uplink;

public sealed class FileKeyValueStoreTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_value_is_replaced_read_back_and_deleted()
    {
        var store = new FileKeyValueStore(_directory.Path);
        store.Write("seq-a", [1, 2, 3, 4, 5], 1, 3);
        store.Write("seq-a", [9, 8], 0, 2);

        var buffer = new byte[10];
        store.Length("seq-a").Should().Be(2);
        store.Read("seq-a", buffer, 4, 10 - 4).Should().Be(2);
        buffer[4..6].Should().Equal(9, 8);

        store.Delete("seq-a");
        store.Length("seq-a").Should().Be(-1);
        store.Read("seq-a", buffer, 0, 10).Should().Be(-1);
        store.Keys().Should().BeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("../escape")]
    [InlineData("sub/key")]
    [InlineData("key.tmp")]
    [InlineData("space key")]
    public void Unsafe_key_names_are_rejected(string key)
    {
        var store = new FileKeyValueStore(_directory.Path);

        FluentActions.Invoking(() => store.Write(key, [1], 0, 1)).Should().Throw<ArgumentException>();
        Directory.GetFiles(_directory.Path).Should().BeEmpty();
    }

    [Fact]
    public void Keys_lists_only_key_files_and_a_reopen_clears_leftover_temporary_files()
    {
        var store = new FileKeyValueStore(_directory.Path);
        store.Write("ob1", [1], 0, 1);
        store.Write("config_v2", [1], 0, 1);
        File.WriteAllBytes(_directory.File("ob2.tmp"), [1, 2]);
        File.WriteAllBytes(_directory.File("README.txt"), [1]);

        store.Keys().Should().BeEquivalentTo("ob1", "config_v2");

        _ = new FileKeyValueStore(_directory.Path);
        File.Exists(_directory.File("ob2.tmp")).Should().BeFalse("a write cut short before its rename left it");
        File.Exists(_directory.File("README.txt")).Should().BeTrue();
    }
}
