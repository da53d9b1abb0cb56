using RydBox.Gateway.Identity;

namespace RydBox.Gateway.Tests.Identity;

public sealed class DeviceDirectoryTests : IDisposable
{
    private readonly IdentityRig _rig = new();
    private readonly string _secret;

    public DeviceDirectoryTests()
    {
        _rig.Tenants.Add("acme", "ACME");
        _secret = _rig.Devices.Add("box-1", "acme").Secret;
    }

    [Fact]
    public void The_right_secret_authenticates_a_wrong_empty_or_other_devices_secret_does_not()
    {
        string other = _rig.Devices.Add("box-2", "acme").Secret;
        SqliteDeviceDirectory directory = _rig.DeviceDirectory();

        directory.Authenticate("box-1", _secret).Should().BeTrue();
        directory.Authenticate("box-1", _secret).Should().BeTrue("the cached success answers the same");
        directory.Authenticate("box-1", _secret + "x").Should().BeFalse();
        directory.Authenticate("box-1", other).Should().BeFalse();
        directory.Authenticate("box-1", "").Should().BeFalse();
        directory.Authenticate("box-2", other).Should().BeTrue();
        directory.Authenticate("box-2", _secret).Should().BeFalse();
    }

    [Fact]
    public void Unknown_and_malformed_devices_are_not_found_and_never_authenticate()
    {
        SqliteDeviceDirectory directory = _rig.DeviceDirectory();

        directory.Find("box-9").Should().BeNull();
        directory.Find("box/1").Should().BeNull();
        directory.Find("").Should().BeNull();
        directory.Authenticate("box-9", _secret).Should().BeFalse();
        directory.Authenticate("rydbox/#", _secret).Should().BeFalse();
    }

    [Fact]
    public void Find_names_the_tenant_and_a_device_added_after_a_miss_is_found_at_once()
    {
        SqliteDeviceDirectory directory = _rig.DeviceDirectory();
        directory.Find("box-3").Should().BeNull();

        _rig.OtherProcessDevices.Add("box-3", "acme");

        directory.Find("box-1").Should().Be(new DeviceIdentity("box-1", "acme", false));
        directory.Find("box-3").Should().Be(new DeviceIdentity("box-3", "acme", false), "misses are not cached");
    }

    [Fact]
    public void A_revoke_in_this_process_takes_effect_at_once()
    {
        SqliteDeviceDirectory directory = _rig.DeviceDirectory();
        directory.Authenticate("box-1", _secret).Should().BeTrue();
        directory.Find("box-1")!.Revoked.Should().BeFalse();

        _rig.Devices.Revoke("box-1");

        directory.Authenticate("box-1", _secret).Should().BeFalse();
        directory.Find("box-1").Should().Be(new DeviceIdentity("box-1", "acme", true));
    }

    [Fact]
    public void A_revoke_by_another_process_takes_effect_when_the_cache_expires()
    {
        SqliteDeviceDirectory directory = _rig.DeviceDirectory();
        directory.Authenticate("box-1", _secret).Should().BeTrue();

        _rig.OtherProcessDevices.Revoke("box-1");
        _rig.Clock.Advance(IdentityRig.CacheLifetime - TimeSpan.FromSeconds(1));
        directory.Authenticate("box-1", _secret).Should().BeTrue("the cached answer lives up to the cache lifetime");

        _rig.Clock.Advance(TimeSpan.FromSeconds(2));
        directory.Authenticate("box-1", _secret).Should().BeFalse();
        directory.Find("box-1")!.Revoked.Should().BeTrue();
    }

    [Fact]
    public void A_success_is_cached_a_new_secret_from_another_process_counts_once_the_cache_expires()
    {
        SqliteDeviceDirectory directory = _rig.DeviceDirectory();
        directory.Authenticate("box-1", _secret).Should().BeTrue();

        string reissued = _rig.OtherProcessDevices.Reissue("box-1").Secret;

        directory.Authenticate("box-1", _secret).Should().BeTrue("within the lifetime the cached row and success are used, not the database");
        directory.Authenticate("box-1", reissued).Should().BeFalse("the cached row still holds the old hash");
        _rig.Clock.Advance(IdentityRig.CacheLifetime + TimeSpan.FromSeconds(1));
        directory.Authenticate("box-1", _secret).Should().BeFalse();
        directory.Authenticate("box-1", reissued).Should().BeTrue();
    }

    [Fact]
    public void A_new_secret_in_this_process_replaces_the_old_one_at_once()
    {
        SqliteDeviceDirectory directory = _rig.DeviceDirectory();
        directory.Authenticate("box-1", _secret).Should().BeTrue();

        string reissued = _rig.Devices.Reissue("box-1").Secret;

        directory.Authenticate("box-1", _secret).Should().BeFalse();
        directory.Authenticate("box-1", reissued).Should().BeTrue();
    }

    [Fact]
    public void Without_a_cache_every_question_reads_the_database()
    {
        SqliteDeviceDirectory directory = _rig.DeviceDirectory(TimeSpan.Zero);
        directory.Authenticate("box-1", _secret).Should().BeTrue();

        _rig.OtherProcessDevices.Revoke("box-1");

        directory.Authenticate("box-1", _secret).Should().BeFalse();
        directory.Find("box-1")!.Revoked.Should().BeTrue();
    }

    [Fact]
    public void Many_threads_authenticating_at_once_get_consistent_answers()
    {
        SqliteDeviceDirectory directory = _rig.DeviceDirectory();

        bool[] answers = Enumerable.Range(0, 32).AsParallel().Select(i => directory.Authenticate("box-1", i % 2 == 0 ? _secret : "wrong-secret-value")).ToArray();

        answers.Where((_, i) => i % 2 == 0).Should().AllSatisfy(a => a.Should().BeTrue());
        answers.Where((_, i) => i % 2 == 1).Should().AllSatisfy(a => a.Should().BeFalse());
    }

    public void Dispose() => _rig.Dispose();
}
