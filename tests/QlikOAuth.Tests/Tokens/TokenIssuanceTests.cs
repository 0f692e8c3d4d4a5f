using QlikCloud.Emulator;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Keys;
using QlikOAuth.Engine.Tokens;
using QlikOAuth.Engine.Users;
using QlikOAuth.Tests.Infrastructure;

namespace QlikOAuth.Tests.Tokens;

/// <summary>Both grants, both client authentication methods (the emulator verifies assertions), every way to name a user, scopes.</summary>
public sealed class TokenIssuanceTests : TenantFixture
{
    [Fact]
    public async Task AnM2MTokenWithASecretActsAsTheClientsBotUser()
    {
        var client = await TokenTestClients.SecretClientAsync(Connection, Admin);
        var issuer = new TokenIssuer(Connection, client, null, null, null);

        AccessToken token = await issuer.GetAccessTokenAsync(CancellationToken.None);
        QlikUser me = await UsersApi.GetMeAsync(Connection, new AccessTokenCredential(token), CancellationToken.None);

        Assert.Equal(GrantTypes.ClientCredentials, token.GrantType);
        Assert.Equal("bearer", token.TokenType);
        Assert.True(token.ExpiresAt > DateTimeOffset.UtcNow.AddHours(5));
        Assert.Equal($@"qlikbot\{client.ClientId}", me.Subject);
        var sent = Assert.Single(Emulator.Requests, request => request.Path == "/oauth/token");
        Assert.Contains("\"client_secret\"", sent.Body);
        Assert.DoesNotContain(token.Value, token.ToString());
    }

    [Theory]
    [InlineData(SigningAlgorithm.RS256)]
    [InlineData(SigningAlgorithm.RS512)]
    [InlineData(SigningAlgorithm.ES384)]
    public async Task PrivateKeyJwtSendsAFreshAssertionAndNoSecret(SigningAlgorithm algorithm)
    {
        using var client = await TokenTestClients.KeyClientAsync(Connection, Admin, algorithm);
        var issuer = new TokenIssuer(Connection, client, null, null, null);

        AccessToken first = await issuer.GetAccessTokenAsync(CancellationToken.None);
        AccessToken second = await issuer.GetAccessTokenAsync(CancellationToken.None);

        Assert.NotEqual(first.Value, second.Value);
        var sent = Emulator.Requests.Where(request => request.Path == "/oauth/token").ToList();
        Assert.Equal(2, sent.Count);
        Assert.All(sent, request => Assert.Equal(200, request.Status));
        Assert.All(sent, request => Assert.DoesNotContain("client_secret", request.Body));
        Assert.All(sent, request => Assert.Contains(ClientAssertion.AssertionType, request.Body));
        Assert.NotEqual(sent[0].Body, sent[1].Body);
    }

    [Fact]
    public async Task AKeyWithoutKeyIdIsRefusedBeforeAnyRequest()
    {
        using SigningKey generated = KeyGenerator.Generate(SigningAlgorithm.RS256, 2048, "kid-1");
        SigningKey key = PrivateKeyReader.Read(PrivateKeyWriter.ToPkcs8Pem(generated));

        var error = Assert.Throws<QlikValidationException>(() => new PrivateKeyJwtAuthentication("some-client", key));

        Assert.Equal("MissingKeyId", error.ErrorId);
        Assert.Empty(Emulator.Requests);
        key.Dispose();
    }

    [Theory]
    [InlineData("id")]
    [InlineData("subject")]
    [InlineData("email")]
    public async Task AnImpersonationTokenActsAsTheUserNamedByIdSubjectOrEmail(string by)
    {
        var client = await TokenTestClients.SecretClientAsync(Connection, Admin);
        var issuer = new TokenIssuer(Connection, client, null, null, Admin);
        UserReference alice = by switch
        {
            "id" => UserReference.From(EmulatorDefaults.AliceId, null, null)!,
            "subject" => UserReference.From(null, EmulatorDefaults.AliceSubject, null)!,
            _ => UserReference.From(null, null, EmulatorDefaults.AliceEmail)!,
        };

        IssuedToken issued = await issuer.GetImpersonationTokenAsync(alice, CancellationToken.None);
        QlikUser me = await UsersApi.GetMeAsync(Connection, new AccessTokenCredential(issued.Token), CancellationToken.None);

        Assert.Equal(EmulatorDefaults.AliceId, me.Id);
        Assert.Equal(GrantTypes.UserImpersonation, issued.Token.GrantType);
        Assert.Equal(by == "subject" ? "subject" : "userId", issued.Token.User!.Field);
        Assert.Equal(by == "email" ? EmulatorDefaults.AliceId : alice.UserId, issued.User!.UserId);
    }

    [Fact]
    public async Task AScopeNarrowsTheToken()
    {
        var client = await TokenTestClients.SecretClientAsync(Connection, Admin, null, "user_default", "admin_classic");

        AccessToken wide = await new TokenIssuer(Connection, client, null, null, null).GetAccessTokenAsync(CancellationToken.None);
        AccessToken narrow = await new TokenIssuer(Connection, client, "user_default", null, null).GetAccessTokenAsync(CancellationToken.None);

        Assert.Equal("user_default admin_classic", wide.Scope);
        Assert.Equal("user_default", narrow.Scope);
    }

    [Fact]
    public async Task AScopeOutsideTheClientsScopesIsExplained()
    {
        var client = await TokenTestClients.SecretClientAsync(Connection, Admin);

        var error = await Assert.ThrowsAsync<QlikTokenException>(() => new TokenIssuer(Connection, client, "admin_classic", null, null).GetAccessTokenAsync(CancellationToken.None));

        Assert.Equal(TokenFailureReason.ScopeNotAllowed, error.Reason);
        Assert.Contains("allowed scopes", error.Explanation);
    }

    [Fact]
    public async Task AnEmailWithoutADirectoryCredentialIsRefusedLocally()
    {
        var client = await TokenTestClients.SecretClientAsync(Connection, Admin);
        Emulator.ClearRequests();

        var error = await Assert.ThrowsAsync<QlikValidationException>(() =>
            new TokenIssuer(Connection, client, null, null, null).GetImpersonationTokenAsync(UserReference.From(null, null, EmulatorDefaults.AliceEmail)!, CancellationToken.None));

        Assert.Equal("EmailNeedsSession", error.ErrorId);
        Assert.Empty(Emulator.Requests);
    }
}
