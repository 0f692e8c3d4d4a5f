using QlikCloud.Emulator;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Tokens;
using QlikOAuth.Tests.Infrastructure;

namespace QlikOAuth.Tests.Tokens;

/// <summary>
/// The token answer is read from the body's bytes in one pass (TokenAnswer): the tenant's answers, as they come over
/// the wire, must mean what a JSON document of them means.
/// </summary>
public sealed class TokenAnswerTests : TenantFixture
{
    [Fact]
    public async Task AnAnswerWithAByteOrderMarkIsRead()
    {
        AccessToken token = await AnswerAsync("\uFEFF{\"access_token\":\"abc\",\"token_type\":\"bearer\",\"expires_in\":60}");

        Assert.Equal("abc", token.Value);
        Assert.InRange(token.ExpiresAt, DateTimeOffset.UtcNow.AddSeconds(50), DateTimeOffset.UtcNow.AddSeconds(61));
    }

    [Theory]
    [InlineData("{\"access_token\":\"abc\"")]
    [InlineData("{\"access_token\":\"abc\"} trailing")]
    [InlineData("")]
    [InlineData("{\"access_token\":\"abc\",}")]
    public async Task AnAnswerThatIsNotJsonIsInvalidResponseAndSaysSo(string body)
    {
        var error = await Assert.ThrowsAsync<QlikOAuthException>(() => AnswerAsync(body));

        Assert.Equal("QlikApi.InvalidResponse", error.ErrorId);
        Assert.Contains("not valid JSON", error.Message);
    }

    [Fact]
    public async Task OnlyTopLevelMembersCountAndMembersOfAnotherShapeAreAbsent()
    {
        AccessToken token = await AnswerAsync(
            "{\"extra\":{\"access_token\":\"inner\",\"list\":[1,{\"scope\":\"x\"}]},\"access_token\":\"outer\",\"token_type\":\"DPoP\",\"expires_in\":\"60\",\"scope\":[\"y\"]}");

        Assert.Equal("outer", token.Value);
        Assert.Equal("DPoP", token.TokenType);
        Assert.Null(token.Scope);
        // expires_in as text is no expiry: Qlik's documented six hours apply.
        Assert.InRange(token.ExpiresAt, DateTimeOffset.UtcNow.AddHours(6).AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(6));
    }

    [Fact]
    public async Task ARepeatedMemberCountsAsItsLastOccurrence()
    {
        AccessToken token = await AnswerAsync("{\"access_token\":\"first\",\"scope\":\"a\",\"access_token\":\"second\",\"scope\":\"user_default\"}");

        Assert.Equal("second", token.Value);
        Assert.Equal("user_default", token.Scope);
    }

    [Fact]
    public async Task TheEarlierOfExpiresInAndExpiresAtIsTheExpiry()
    {
        DateTimeOffset soon = DateTimeOffset.UtcNow.AddMinutes(5);
        AccessToken token = await AnswerAsync($"{{\"access_token\":\"abc\",\"expires_in\":21600,\"expires_at\":\"{soon:yyyy-MM-ddTHH:mm:ss.fffZ}\"}}");

        Assert.Equal(soon.ToUnixTimeSeconds(), token.ExpiresAt.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task ANullAccessTokenIsInvalidResponse()
    {
        var error = await Assert.ThrowsAsync<QlikOAuthException>(() => AnswerAsync("{\"access_token\":null,\"expires_in\":60}"));

        Assert.Equal("QlikApi.InvalidResponse", error.ErrorId);
        Assert.Contains("without an access_token", error.Message);
    }

    private async Task<AccessToken> AnswerAsync(string body)
    {
        var client = await TokenTestClients.SecretClientAsync(Connection, Admin);
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/oauth/token", MalformedBody = true, MalformedBodyText = body });
        return await TokenClient.RequestAsync(Connection, new TokenRequest(GrantTypes.ClientCredentials, client), DateTimeOffset.UtcNow, CancellationToken.None);
    }
}
