using RydBox.Firmware.Session;

namespace RydBox.Firmware.Tests.Session;

public class ReconnectBackoffTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Each_wait_lies_between_the_initial_delay_and_three_times_the_previous_wait_capped(int seed)
    {
        var backoff = new ReconnectBackoff(1000, 60000, new Random(seed));
        int previous = 1000;
        for (int i = 0; i < 50; i++)
        {
            int wait = backoff.NextDelay();
            wait.Should().BeInRange(1000, Math.Min(60000, previous * 3));
            previous = wait;
        }
    }

    [Fact]
    public void Waits_grow_towards_the_cap_and_reset_after_success()
    {
        var backoff = new ReconnectBackoff(1000, 60000, new Random(11));
        int[] waits = Enumerable.Range(0, 30).Select(_ => backoff.NextDelay()).ToArray();

        waits.Skip(10).Average().Should().BeGreaterThan(20000, "an outage that lasts backs off to tens of seconds");
        waits.Max().Should().BeLessThanOrEqualTo(60000);

        backoff.Reset();
        backoff.NextDelay().Should().BeLessThanOrEqualTo(3000);
    }

    [Fact]
    public void Boxes_with_different_seeds_spread_their_retries()
    {
        int[] firstWaits = Enumerable.Range(0, 20).Select(seed => new ReconnectBackoff(1000, 60000, new Random(seed)).NextDelay()).ToArray();

        firstWaits.Distinct().Should().HaveCountGreaterThan(15);
    }
}
