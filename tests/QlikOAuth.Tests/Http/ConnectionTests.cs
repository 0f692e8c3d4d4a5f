using System.Net;
using System.Net.Http;
using System.Security;
using System.Text.Json;
using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Sessions;
using QlikOAuth.Engine.Users;
using QlikOAuth.Tests.Infrastructure;

namespace QlikOAuth.Tests.Http;

/// <summary>What every call shares: errors, paging, the host boundary, identification.</summary>
public sealed class ConnectionTests : TenantFixture
{
    [Fact]
    public async Task AQlikErrorBecomesATypedExceptionWithWhatQlikSaid()
    {
        var error = await Assert.ThrowsAsync<QlikApiException>(() =>
            Connection.SendAsync(new QlikRequest(HttpMethod.Get, "/api/v1/oauth-clients/0000000000000000000000000000dead") { Credential = Admin }, CancellationToken.None));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal("QlikApi.NotFound", error.ErrorId);
        Assert.Equal(QlikErrorKind.NotFound, error.Kind);
        Assert.False(string.IsNullOrEmpty(error.Title));
        Assert.False(string.IsNullOrEmpty(error.TraceId));
        Assert.Contains("404", error.Message);
        Assert.Contains(error.TraceId!, error.Message);
    }

    [Fact]
    public async Task AWrongApiKeyIsAnAuthenticationError()
    {
        var wrongKey = new ApiKeyCredential(SecretText.Protect("not-the-key"));

        var error = await Assert.ThrowsAsync<QlikApiException>(() => UsersApi.GetMeAsync(Connection, wrongKey, CancellationToken.None));

        Assert.Equal("QlikApi.Unauthorized", error.ErrorId);
        Assert.Equal(QlikErrorKind.Authentication, error.Kind);
        Assert.Single(Emulator.Requests);
    }

    [Fact]
    public async Task ListsArePagedByFollowingTheAbsoluteNextLinks()
    {
        for (int index = 0; index < 7; index++)
        {
            await ClientFactory.CreateM2MAsync(Connection, Admin, $"paged {index}");
        }

        Emulator.ClearRequests();
        var names = new List<string>();
        await foreach (JsonElement item in QlikPage.ReadAllAsync(Connection, Admin, "/api/v1/oauth-clients?limit=3&sort=%2BclientName", CancellationToken.None))
        {
            names.Add(item.GetProperty("clientName").GetString()!);
        }

        Assert.Equal(Enumerable.Range(0, 7).Select(index => $"paged {index}"), names);
        Assert.Equal(3, Emulator.Requests.Count(request => request.Path == "/api/v1/oauth-clients"));
    }

    [Fact]
    public async Task ALinkToAnotherHostIsNeverFollowedWithOurCredential()
    {
        var error = await Assert.ThrowsAsync<QlikOAuthException>(() =>
            Connection.SendAsync(new QlikRequest(HttpMethod.Get, "http://127.0.0.2:1/api/v1/oauth-clients?next=x") { Credential = Admin }, CancellationToken.None));

        Assert.Equal("QlikApi.ForeignLink", error.ErrorId);
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task EveryCallNamesTheModuleInItsUserAgentAndCarriesTheBearer()
    {
        await UsersApi.GetMeAsync(Connection, Admin, CancellationToken.None);

        var request = Assert.Single(Emulator.Requests);
        Assert.StartsWith("QlikOAuth/", request.Headers["User-Agent"]);
        Assert.Equal("Bearer " + Emulator.AdminApiKey, request.Headers["Authorization"]);
    }

    [Fact]
    public async Task ConnectingProvesTheCredentialAndKnowsWhoItActsAs()
    {
        Assert.Equal(QlikCloud.Emulator.EmulatorDefaults.AdminUserId, Session.User.Id);
        Assert.Equal(Emulator.BaseUrl.ToString().TrimEnd('/') + "/", Session.TenantUrl.ToString());

        var refused = await Assert.ThrowsAsync<QlikOAuthException>(() =>
            TenantSession.ConnectAsync(Emulator.BaseUrl, new ApiKeyCredential(SecretText.Protect("wrong")), null, null, CancellationToken.None));
        Assert.Equal(("QlikApi.Unauthorized", QlikErrorKind.Authentication), (refused.ErrorId, refused.Kind));
        Assert.Contains("-ApiKey", refused.Message); // at connect, a 401 says what to do; the tenant's answer stays inner
        Assert.Equal(401, (int)Assert.IsType<QlikApiException>(refused.InnerException).StatusCode);
    }
}
