using QlikCloud.Emulator;
using QlikOAuth.Engine.Rest;
using QlikOAuth.Tests.Infrastructure;

namespace QlikOAuth.Tests.Rest;

/// <summary>Invoke-QlikRestMethod -All's paging, in the engine, against the emulated tenant.</summary>
public sealed class RestPagingTests : TenantFixture
{
    [Fact]
    public async Task AllPagesAreFollowedAndTheirItemsGatheredInOrder()
    {
        int users = EmulatorDefaults.CreateUsers().Count;

        RestResponse all = await RestApi.SendAllPagesAsync(Connection, Admin, HttpMethod.Get, "/api/v1/users?limit=2", null, CancellationToken.None);

        Assert.Equal(users, all.Items!.Count);
        Assert.Equal(users, all.Items.Select(item => Field(item, "id")).Distinct().Count());
        Assert.Null(all.NextHref);
        Assert.Equal((users + 1) / 2, Emulator.Requests.Count(request => request.Path == "/api/v1/users"));
    }

    [Fact]
    public async Task AnAnswerThatIsNoListComesBackAsItIs()
    {
        RestResponse me = await RestApi.SendAllPagesAsync(Connection, Admin, HttpMethod.Get, "/api/v1/users/me", null, CancellationToken.None);

        Assert.Null(me.Items);
        Assert.Equal(EmulatorDefaults.AdminUserId, Field(me.Content, "id"));
        Assert.Single(Emulator.Requests);
    }

    private static object? Field(object? node, string name) => Assert.IsType<JsonObjectNode>(node).Single(field => field.Key == name).Value;
}
