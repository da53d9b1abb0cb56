using RydBox.Gateway.Identity;

namespace RydBox.Gateway.Tests.Identity;

public sealed class ApiKeyTests : IDisposable
{
    private readonly IdentityRig _rig = new();

    public ApiKeyTests()
    {
        _rig.Tenants.Add("acme", "ACME");
        _rig.Tenants.Add("zeta", "Zeta");
    }

    [Fact]
    public void A_key_has_the_documented_form_is_stored_only_as_a_hash_and_names_its_tenant()
    {
        IssuedApiKey acme = _rig.ApiKeys.Add("acme", "dashboard");
        IssuedApiKey zeta = _rig.ApiKeys.Add("zeta");
        SqliteApiKeyAuthenticator authenticator = _rig.Authenticator();

        acme.Key.Should().MatchRegex("^rbk_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$").And.StartWith($"rbk_{acme.ApiKey.Id}_");
        acme.ApiKey.Should().Be(new ApiKey(acme.ApiKey.Id, "acme", "dashboard", false, _rig.Clock.GetUtcNow()));
        string secret = acme.Key[(4 + 12 + 1)..];
        string stored = (string)_rig.Scalar("SELECT key_hash FROM api_keys WHERE id = $id", ("$id", acme.ApiKey.Id))!;
        SecretHasher.Verify(secret, stored).Should().BeTrue();
        _rig.AllIdentityText().Should().NotContain(secret).And.NotContain(zeta.Key[17..]);

        authenticator.TenantOf(acme.Key).Should().Be("acme");
        authenticator.TenantOf(zeta.Key).Should().Be("zeta");
        authenticator.TenantOf(acme.Key).Should().Be("acme", "the cached success answers the same");
    }

    [Fact]
    public void Keys_are_listed_per_tenant_and_unknown_tenants_are_not_found()
    {
        IssuedApiKey first = _rig.ApiKeys.Add("acme", "one");
        _rig.Clock.Advance(TimeSpan.FromSeconds(1));
        IssuedApiKey second = _rig.ApiKeys.Add("acme", "two");
        _rig.ApiKeys.Add("zeta");

        _rig.ApiKeys.List("acme").Select(k => k.Id).Should().Equal(first.ApiKey.Id, second.ApiKey.Id);
        _rig.ApiKeys.List().Should().HaveCount(3);
        Action unknownList = () => _rig.ApiKeys.List("ghost");
        unknownList.Should().Throw<IdentityException>().Where(e => e.Error == IdentityError.NotFound);
        Action unknownAdd = () => _rig.ApiKeys.Add("ghost");
        unknownAdd.Should().Throw<IdentityException>().Where(e => e.Error == IdentityError.NotFound).WithMessage("*no tenant \"ghost\"*");
    }

    [Fact]
    public void A_wrong_secret_or_an_unknown_id_gives_no_tenant()
    {
        IssuedApiKey key = _rig.ApiKeys.Add("acme");
        IssuedApiKey other = _rig.ApiKeys.Add("zeta");
        SqliteApiKeyAuthenticator authenticator = _rig.Authenticator();
        authenticator.TenantOf(key.Key).Should().Be("acme");

        authenticator.TenantOf(key.Key + "x").Should().BeNull();
        authenticator.TenantOf(key.Key[..^1]).Should().BeNull();
        authenticator.TenantOf($"rbk_{key.ApiKey.Id}_{other.Key[17..]}").Should().BeNull("another key's secret under this id");
        authenticator.TenantOf($"rbk_zzzzzzzzzzzz_{key.Key[17..]}").Should().BeNull();
        authenticator.TenantOf(key.Key).Should().Be("acme");
    }

    [Theory]
    [InlineData("")]
    [InlineData("rbk_")]
    [InlineData("rbk__secret")]
    [InlineData("rbk_abcdef")]
    [InlineData("rbk_abcdef_")]
    [InlineData("RBK_abcdef_secret")]
    [InlineData("Bearer rbk_abcdef_secret")]
    [InlineData("rbk_ABCDEF_secret")]
    [InlineData("rbk_abc-def_secret")]
    [InlineData("xyz_abcdef_secret")]
    public void Malformed_keys_give_no_tenant(string presented)
    {
        _rig.ApiKeys.Add("acme");

        _rig.Authenticator().TenantOf(presented).Should().BeNull();
        ApiKeyRegistry.TryParse(presented, out _, out _).Should().BeFalse();
    }

    [Fact]
    public void A_revoke_in_this_process_takes_effect_at_once_and_accepts_the_whole_key()
    {
        IssuedApiKey key = _rig.ApiKeys.Add("acme");
        IssuedApiKey kept = _rig.ApiKeys.Add("acme");
        SqliteApiKeyAuthenticator authenticator = _rig.Authenticator();
        authenticator.TenantOf(key.Key).Should().Be("acme");

        _rig.ApiKeys.Revoke(key.Key).Revoked.Should().BeTrue();

        authenticator.TenantOf(key.Key).Should().BeNull();
        authenticator.TenantOf(kept.Key).Should().Be("acme");
        _rig.ApiKeys.List("acme").Single(k => k.Id == key.ApiKey.Id).Revoked.Should().BeTrue();
        Action unknown = () => _rig.ApiKeys.Revoke("nosuchkey123");
        unknown.Should().Throw<IdentityException>().Where(e => e.Error == IdentityError.NotFound);
    }

    [Fact]
    public void A_revoke_by_another_process_takes_effect_when_the_cache_expires()
    {
        IssuedApiKey key = _rig.ApiKeys.Add("acme");
        SqliteApiKeyAuthenticator authenticator = _rig.Authenticator();
        authenticator.TenantOf(key.Key).Should().Be("acme");

        _rig.OtherProcessApiKeys.Revoke(key.ApiKey.Id);
        authenticator.TenantOf(key.Key).Should().Be("acme", "the cached success lives up to the cache lifetime");

        _rig.Clock.Advance(IdentityRig.CacheLifetime + TimeSpan.FromSeconds(1));
        authenticator.TenantOf(key.Key).Should().BeNull();
        _rig.Authenticator(TimeSpan.Zero).TenantOf(key.Key).Should().BeNull();
    }

    public void Dispose() => _rig.Dispose();
}
