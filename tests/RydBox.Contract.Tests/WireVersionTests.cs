using RydBox.Contract;

namespace RydBox.Contract.Tests;

public class WireVersionTests
{
    [Fact]
    public void Version_one_is_current()
    {
        WireVersion.Current.Should().Be(1);
    }
}
