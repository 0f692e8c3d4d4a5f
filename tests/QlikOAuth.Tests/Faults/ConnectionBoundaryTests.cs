using QlikOAuth.Engine.Errors;
using QlikOAuth.Engine.Http;
using QlikOAuth.Engine.Users;
using QlikOAuth.Tests.Infrastructure;

namespace QlikOAuth.Tests.Faults;

/// <summary>Issue 11: whatever goes wrong inside a connection leaves it as the module's own exception with a stable id.</summary>
public sealed class ConnectionBoundaryTests : TenantFixture
{
    [Fact]
    public async Task ACallOnADisconnectedSessionIsSessionDisconnected()
    {
        var connection = new QlikConnection(Emulator.BaseUrl);
        connection.Dispose();

        var error = await Assert.ThrowsAsync<QlikOAuthException>(() => UsersApi.GetMeAsync(connection, Admin, CancellationToken.None));

        Assert.Equal("SessionDisconnected", error.ErrorId);
    }
}
