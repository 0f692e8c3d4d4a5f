using System.Collections.Concurrent;
using QlikCloud.Emulator;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Sessions;
using QlikOAuth.Engine.Tokens;
using QlikOAuth.Engine.Users;
using QlikOAuth.Tests.Infrastructure;

namespace QlikOAuth.Tests.Http;

/// <summary>The log hook feeds Verbose/Debug, which Azure Automation keeps in job streams: it must never hold a secret.</summary>
public sealed class LogHookTests : TenantFixture
{
    [Fact]
    public async Task TheLogShowsMethodPathStatusAndWaitsButNoSecret()
    {
        ClientFactory.CreatedClient client = await ClientFactory.CreateM2MAsync(Connection, Admin, "logged", "user_default", "admin_classic");
        var log = new ConcurrentQueue<string>();
        AccessToken token;
        using (QlikLog.BeginScope((level, message) => log.Enqueue($"{level}: {message}")))
        {
            Emulator.InjectFault(new FaultSpec { PathPrefix = "/api/v1/users/me", Status = 429, RetryAfterSeconds = 1 });
            await UsersApi.GetMeAsync(Connection, Admin, CancellationToken.None);
            var adminClient = new OAuthClientCredential(new ClientSecretAuthentication(client.ClientId, client.Secret));
            await UsersApi.GetMeAsync(Connection, adminClient, CancellationToken.None);
            token = await TokenClient.RequestAsync(Connection, new TokenRequest(GrantTypes.ClientCredentials, new ClientSecretAuthentication(client.ClientId, client.Secret)), DateTimeOffset.UtcNow, CancellationToken.None);
        }

        string text = string.Join("\n", log);
        Assert.Contains("GET /api/v1/users/me -> 429", text);
        Assert.Contains("Retry-After", text);
        Assert.Contains("GET /api/v1/users/me -> 200", text);
        Assert.Contains("POST /oauth/token -> 200", text);
        Assert.DoesNotContain(Emulator.AdminApiKey, text);
        Assert.DoesNotContain(client.SecretText, text);
        Assert.DoesNotContain(token.Value, text);
        Assert.DoesNotContain("Bearer", text);
        Assert.DoesNotContain(token.Value, token.ToString());
    }

    [Fact]
    public async Task NothingIsLoggedOutsideAScope()
    {
        var log = new ConcurrentQueue<string>();
        using (QlikLog.BeginScope((_, message) => log.Enqueue(message)))
        {
        }

        await UsersApi.GetMeAsync(Connection, Admin, CancellationToken.None);

        Assert.Empty(log);
    }
}
