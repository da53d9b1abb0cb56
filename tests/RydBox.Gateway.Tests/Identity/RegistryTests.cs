using RydBox.Gateway.Identity;

namespace RydBox.Gateway.Tests.Identity;

public sealed class RegistryTests : IDisposable
{
    private readonly IdentityRig _rig = new();

    [Fact]
    public void Tenants_are_added_listed_in_id_order_and_their_retention_set_and_cleared()
    {
        _rig.Tenants.Add("zeta", "  Zeta Rentals ");
        Tenant acme = _rig.Tenants.Add("acme", "ACME Fleet", retentionDays: 90);

        acme.Should().Be(new Tenant("acme", "ACME Fleet", 90, _rig.Clock.GetUtcNow()));
        _rig.Tenants.List().Select(t => (t.Id, t.Name, t.RetentionDays)).Should().Equal(("acme", "ACME Fleet", 90), ("zeta", "Zeta Rentals", null));

        _rig.Tenants.SetRetention("zeta", 30).RetentionDays.Should().Be(30);
        _rig.Tenants.SetRetention("acme", null).RetentionDays.Should().BeNull();
        _rig.Tenants.Find("zeta")!.RetentionDays.Should().Be(30);
        _rig.Scalar("SELECT retention_days FROM tenants WHERE id = 'acme'").Should().Be(DBNull.Value);
    }

    [Theory]
    [InlineData("", "name", null, IdentityError.Invalid, "*not a valid tenant id*")]
    [InlineData("a/b", "name", null, IdentityError.Invalid, "*not a valid tenant id*")]
    [InlineData("acme+", "name", null, IdentityError.Invalid, "*not a valid tenant id*")]
    [InlineData("ok", "   ", null, IdentityError.Invalid, "*name must not be empty*")]
    [InlineData("ok", "name", 0, IdentityError.Invalid, "*retention must be 1 to*")]
    [InlineData("ok", "name", -5, IdentityError.Invalid, "*retention must be 1 to*")]
    [InlineData("taken", "name", null, IdentityError.Duplicate, "*tenant \"taken\" exists already*")]
    public void Bad_tenants_are_refused_with_a_reason_and_nothing_is_written(string id, string name, int? retention, IdentityError error, string message)
    {
        _rig.Tenants.Add("taken", "Taken");

        Action add = () => _rig.Tenants.Add(id, name, retention);

        add.Should().Throw<IdentityException>().Where(e => e.Error == error).WithMessage(message);
        _rig.Tenants.List().Should().ContainSingle();
    }

    [Fact]
    public void Retention_of_an_unknown_tenant_is_not_found()
    {
        Action set = () => _rig.Tenants.SetRetention("ghost", 7);

        set.Should().Throw<IdentityException>().Where(e => e.Error == IdentityError.NotFound).WithMessage("*no tenant \"ghost\"*");
    }

    [Fact]
    public void A_device_gets_a_random_secret_that_is_returned_once_and_stored_only_as_a_hash()
    {
        _rig.Tenants.Add("acme", "ACME");

        IssuedDevice issued = _rig.Devices.Add("box-0001", "acme", name: "Van 1", vin: "1hgcm82633a004352");
        IssuedDevice second = _rig.Devices.Add("box-0002", "acme");

        issued.Device.Should().Be(new Device("box-0001", "acme", "Van 1", "1HGCM82633A004352", false, _rig.Clock.GetUtcNow()));
        issued.Secret.Should().MatchRegex("^[A-Za-z0-9_-]{43}$").And.NotBe(second.Secret);
        string stored = (string)_rig.Scalar("SELECT secret_hash FROM devices WHERE id = 'box-0001'")!;
        stored.Should().StartWith("pbkdf2-sha256$100000$");
        SecretHasher.Verify(issued.Secret, stored).Should().BeTrue();
        _rig.AllIdentityText().Should().NotContain(issued.Secret).And.NotContain(second.Secret);
        File.ReadAllText(_rig.Devices.MosquittoHashes.Path).Should().NotContain(issued.Secret);
        _rig.Devices.List().Select(d => d.Id).Should().Equal("box-0001", "box-0002");
    }

    [Fact]
    public void A_given_secret_is_kept_as_a_hash_too_and_its_mosquitto_hash_is_recorded()
    {
        _rig.Tenants.Add("acme", "ACME");

        IssuedDevice issued = _rig.Devices.Add("flashed-7", "acme", secret: "already-on-the-box-42");

        issued.Secret.Should().Be("already-on-the-box-42");
        SecretHasher.Verify("already-on-the-box-42", (string)_rig.Scalar("SELECT secret_hash FROM devices WHERE id = 'flashed-7'")!).Should().BeTrue();
        _rig.AllIdentityText().Should().NotContain("already-on-the-box-42");
        string mosquittoHash = _rig.Devices.MosquittoHashes.ReadAll()["flashed-7"];
        mosquittoHash.Should().StartWith($"$7${MosquittoPasswordHash.Iterations}$");
        MosquittoPasswordHash.Verify("already-on-the-box-42", mosquittoHash).Should().BeTrue();
        MosquittoPasswordHash.Verify("something-else-entirely", mosquittoHash).Should().BeFalse();
    }

    [Theory]
    [InlineData("bad id", "acme", null, null, IdentityError.Invalid, "*not a valid device id*")]
    [InlineData("box/1", "acme", null, null, IdentityError.Invalid, "*not a valid device id*")]
    [InlineData("box-#", "acme", null, null, IdentityError.Invalid, "*not a valid device id*")]
    [InlineData("box-1", "nobody", null, null, IdentityError.NotFound, "*no tenant \"nobody\"*")]
    [InlineData("box-1", "acme", "WVWZZZ1JZXW00000", null, IdentityError.Invalid, "*not a VIN*")]
    [InlineData("box-1", "acme", "WVWZZZ1JZXW0000O1", null, IdentityError.Invalid, "*not a VIN*")]
    [InlineData("box-1", "acme", null, "short", IdentityError.Invalid, "*secret must be 12 to 256*")]
    [InlineData("box-1", "acme", null, "has a space in it", IdentityError.Invalid, "*secret must be*")]
    [InlineData("taken", "acme", null, null, IdentityError.Duplicate, "*device \"taken\" exists already*")]
    public void Bad_devices_are_refused_with_a_reason_and_nothing_is_written(string id, string tenant, string? vin, string? secret, IdentityError error, string message)
    {
        _rig.Tenants.Add("acme", "ACME");
        IssuedDevice taken = _rig.Devices.Add("taken", "acme");

        Action add = () => _rig.Devices.Add(id, tenant, vin: vin, secret: secret);

        add.Should().Throw<IdentityException>().Where(e => e.Error == error).WithMessage(message);
        _rig.Devices.List().Should().ContainSingle();
        MosquittoPasswordHash.Verify(taken.Secret, _rig.Devices.MosquittoHashes.ReadAll()["taken"]).Should().BeTrue("a refused duplicate must not replace the existing device's mosquitto hash");
    }

    [Fact]
    public void Devices_are_listed_per_tenant_and_an_unknown_tenant_is_not_found()
    {
        _rig.Tenants.Add("acme", "ACME");
        _rig.Tenants.Add("zeta", "Zeta");
        _rig.Devices.Add("a-2", "acme");
        _rig.Devices.Add("z-1", "zeta");
        _rig.Devices.Add("a-1", "acme");

        _rig.Devices.List("acme").Select(d => d.Id).Should().Equal("a-1", "a-2");
        _rig.Devices.List("zeta").Select(d => d.Id).Should().Equal("z-1");
        _rig.Devices.List().Should().HaveCount(3);
        Action unknown = () => _rig.Devices.List("ghost");
        unknown.Should().Throw<IdentityException>().Where(e => e.Error == IdentityError.NotFound);
    }

    [Fact]
    public void Revoking_marks_the_device_keeps_it_listed_and_is_idempotent_unknown_is_not_found()
    {
        _rig.Tenants.Add("acme", "ACME");
        _rig.Devices.Add("box-1", "acme");

        _rig.Devices.Revoke("box-1").Revoked.Should().BeTrue();
        _rig.Devices.Revoke("box-1").Revoked.Should().BeTrue();

        _rig.Devices.Find("box-1")!.Revoked.Should().BeTrue();
        _rig.Scalar("SELECT revoked FROM devices WHERE id = 'box-1'").Should().Be(1L);
        Action unknown = () => _rig.Devices.Revoke("box-9");
        unknown.Should().Throw<IdentityException>().Where(e => e.Error == IdentityError.NotFound).WithMessage("*no device \"box-9\"*");
    }

    [Fact]
    public void Reissuing_replaces_the_secret_and_the_mosquitto_hash_but_not_for_a_revoked_device()
    {
        _rig.Tenants.Add("acme", "ACME");
        IssuedDevice first = _rig.Devices.Add("box-1", "acme");

        IssuedDevice second = _rig.Devices.Reissue("box-1");

        second.Secret.Should().NotBe(first.Secret);
        string stored = (string)_rig.Scalar("SELECT secret_hash FROM devices WHERE id = 'box-1'")!;
        SecretHasher.Verify(second.Secret, stored).Should().BeTrue();
        SecretHasher.Verify(first.Secret, stored).Should().BeFalse();
        MosquittoPasswordHash.Verify(second.Secret, _rig.Devices.MosquittoHashes.ReadAll()["box-1"]).Should().BeTrue();

        _rig.Devices.Revoke("box-1");
        Action revoked = () => _rig.Devices.Reissue("box-1");
        revoked.Should().Throw<IdentityException>().Where(e => e.Error == IdentityError.Invalid).WithMessage("*revoked*");
        Action unknown = () => _rig.Devices.Reissue("box-2");
        unknown.Should().Throw<IdentityException>().Where(e => e.Error == IdentityError.NotFound);
    }

    public void Dispose() => _rig.Dispose();
}
