using QlikCloud.Emulator;
using QlikOAuth.Engine.Clients;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Tokens;
using QlikOAuth.Engine.Users;
using QlikOAuth.Tests.Infrastructure;
using QlikOAuth.Tests.Tokens;

namespace QlikOAuth.Tests.Faults;

/// <summary>Issue 11, defect 6: an answer of the wrong shape is the module's own typed error, never a System.* exception.</summary>
public sealed class MalformedAnswerTests : TenantFixture
{
    [Theory]
    [InlineData("[\"not a token\"]")]
    [InlineData("{\"access_token\": 42}")]
    [InlineData("\"text\"")]
    public async Task ATokenAnswerOfTheWrongShapeIsInvalidResponse(string body)
    {
        var client = await TokenTestClients.SecretClientAsync(Connection, Admin);
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/oauth/token", MalformedBody = true, MalformedBodyText = body });

        var error = await Assert.ThrowsAsync<QlikOAuthException>(() =>
            TokenClient.RequestAsync(Connection, new TokenRequest(GrantTypes.ClientCredentials, client), DateTimeOffset.UtcNow, CancellationToken.None));

        Assert.Equal("QlikApi.InvalidResponse", error.ErrorId);
    }

    [Fact]
    public async Task AMalformedTokenAnswerFailsOnlyItsUserInABatch()
    {
        var issuer = new TokenIssuer(Connection, await TokenTestClients.SecretClientAsync(Connection, Admin), null, null, Admin);
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/oauth/token", MalformedBody = true, MalformedBodyText = "[1]" });
        UserReference[] users = [UserReference.From(EmulatorDefaults.AliceId, null, null)!, UserReference.From(EmulatorDefaults.BobId, null, null)!];

        var outcomes = await TokenBatch.RunAsync(users, 1, _ => issuer, new ClientRefusals(), (user, token) => issuer.GetImpersonationTokenAsync(user, token), CancellationToken.None);

        Assert.Equal("QlikApi.InvalidResponse", outcomes[0].Failure?.ErrorId);
        Assert.True(outcomes[1].Succeeded);
    }

    [Fact]
    public async Task AUserAnswerOfTheWrongShapeIsInvalidResponse()
    {
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/api/v1/users/me", MalformedBody = true, MalformedBodyText = "{\"id\": [1, 2]}" });

        var error = await Assert.ThrowsAsync<QlikOAuthException>(() => UsersApi.GetMeAsync(Connection, Admin, CancellationToken.None));

        Assert.Equal("QlikApi.InvalidResponse", error.ErrorId);
    }

    [Fact]
    public async Task AListPageOfTheWrongShapeIsInvalidResponse()
    {
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/api/v1/oauth-clients", MalformedBody = true, MalformedBodyText = "[]" });

        var error = await Assert.ThrowsAsync<QlikOAuthException>(() => new OAuthClientsApi(Connection, Admin).ListAllAsync(null, null, CancellationToken.None));

        Assert.Equal("QlikApi.InvalidResponse", error.ErrorId);
    }
}
