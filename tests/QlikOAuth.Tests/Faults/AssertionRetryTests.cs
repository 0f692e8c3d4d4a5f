using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using QlikCloud.Emulator;
using QlikOAuth.Engine.Keys;
using QlikOAuth.Engine.Tokens;
using QlikOAuth.Tests.Infrastructure;
using QlikOAuth.Tests.Tokens;

namespace QlikOAuth.Tests.Faults;

/// <summary>
/// Issue 11, defect 1: a private key JWT token request that waits out a long 429 signs a fresh assertion for the
/// retry. The module and the emulator share one fake clock, so the wait passes without sleeping.
/// </summary>
public sealed class AssertionRetryTests : TenantFixture
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    protected override TimeProvider Clock => _clock;

    protected override void Configure(EmulatorOptions options) => options.Clock = _clock;

    [Fact]
    public async Task ARetryAfterLongerThanTheAssertionLifetimeGetsAFreshlySignedAssertion()
    {
        using PrivateKeyJwtAuthentication client = await TokenTestClients.KeyClientAsync(Connection, Admin, SigningAlgorithm.RS256);
        Emulator.ClearRequests();
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/oauth/token", Status = 429, RetryAfterSeconds = 120 });

        Task<AccessToken> request = TokenClient.RequestAsync(Connection, new TokenRequest(GrantTypes.ClientCredentials, client), _clock.GetUtcNow(), CancellationToken.None);
        AccessToken token = await ClockDriver.AdvanceUntilDoneAsync(_clock, request, TimeSpan.FromSeconds(10));

        Assert.False(string.IsNullOrEmpty(token.Value));
        JsonElement[] assertions = Emulator.Requests.Where(r => r.Path == "/oauth/token").Select(r => AssertionClaims(r.Body)).ToArray();
        Assert.Equal(2, assertions.Length);
        Assert.NotEqual(assertions[0].GetProperty("jti").GetString(), assertions[1].GetProperty("jti").GetString());
        Assert.True(assertions[1].GetProperty("iat").GetInt64() - assertions[0].GetProperty("iat").GetInt64() >= 120, "the retry's assertion was not signed at send time");
    }

    private static JsonElement AssertionClaims(string body)
    {
        string assertion = JsonDocument.Parse(body).RootElement.GetProperty("client_assertion").GetString()!;
        string payload = assertion.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload))).RootElement.Clone();
    }
}

/// <summary>A tenant whose clock is ten minutes ahead refuses the assertion as expired: the error says clock skew, not a bad key.</summary>
public sealed class ClockSkewTests : TenantFixture
{
    protected override void Configure(EmulatorOptions options) => options.Clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(10));

    [Fact]
    public async Task AnAssertionRefusedAsExpiredIsExplainedAsClockSkew()
    {
        using PrivateKeyJwtAuthentication client = await TokenTestClients.KeyClientAsync(Connection, Admin, SigningAlgorithm.ES384);

        var error = await Assert.ThrowsAsync<QlikTokenException>(() =>
            TokenClient.RequestAsync(Connection, new TokenRequest(GrantTypes.ClientCredentials, client), DateTimeOffset.UtcNow, CancellationToken.None));

        Assert.Equal("TokenRefused.ClockSkew", error.ErrorId);
        Assert.Contains("clock", error.Explanation, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("does not match", error.Explanation, StringComparison.Ordinal);
    }
}
