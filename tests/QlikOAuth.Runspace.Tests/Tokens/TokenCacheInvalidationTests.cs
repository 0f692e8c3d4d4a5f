using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Tokens;

/// <summary>
/// The cmdlets that change or remove a client drop its cached tokens, so Get-QlikAccessToken asks the tenant again
/// instead of handing out a token that may be dead; Connect-QlikTenant -TokenCacheSize caps the cache.
/// </summary>
public sealed class TokenCacheInvalidationTests : TokenTestBase
{
    [Fact]
    public async Task AfterRemoveQlikOAuthClientTheTokenIsNotServedFromTheCache()
    {
        string clientId = await ArrangeClientAsync();

        RunResult result = RunConnected($"Get-QlikAccessToken -Credential $Client; Remove-QlikOAuthClient {clientId} -Force; Get-QlikAccessToken -Credential $Client");

        Assert.Single(TokensIn(result.Output));
        Assert.Equal(2, TokenRequests);
        Assert.StartsWith("TokenRefused.", TheError(result).FullyQualifiedErrorId, StringComparison.Ordinal);
        AssertNoSecretText(result);
    }

    [Fact]
    public async Task AfterRemoveQlikOAuthClientSecretTheRemovedSecretGetsNoCachedToken()
    {
        string clientId = await ArrangeClientAsync();
        Shell.SetVariable("Id", clientId);

        RunResult result = RunConnected(
            "Get-QlikAccessToken -Credential $Client\n" +
            "$new = New-QlikOAuthClientSecret -ClientId $Id -Force\n" +
            "$old = (Get-QlikOAuthClient -ClientId $Id).SecretHints | Where-Object { $_ -ne $new.Hint }\n" +
            "Remove-QlikOAuthClientSecret -ClientId $Id -Hint $old -Force\n" +
            "Get-QlikAccessToken -Credential $Client");

        Assert.Single(TokensIn(result.Output));
        Assert.Equal(2, TokenRequests);
        Assert.StartsWith("TokenRefused.", TheError(result).FullyQualifiedErrorId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetQlikOAuthClientChangingScopesDropsTheTokens_ARenameDoesNot()
    {
        string clientId = await ArrangeClientAsync(scopes: ["user_default", "admin_classic"]);

        RunResult result = RunConnected(
            $"Get-QlikAccessToken -Credential $Client; Set-QlikOAuthClient {clientId} -Name renamed; Get-QlikAccessToken -Credential $Client; " +
            $"Set-QlikOAuthClient {clientId} -Scope user_default; Get-QlikAccessToken -Credential $Client -Verbose");

        result.AssertNoErrors();
        var tokens = TokensIn(result.Output);
        Assert.Equal(3, tokens.Count);
        Assert.Equal(TokenText(tokens[0]), TokenText(tokens[1]));
        Assert.NotEqual(TokenText(tokens[1]), TokenText(tokens[2]));
        Assert.Equal(2, TokenRequests);
        AssertNoSecretText(result);
    }

    [Fact]
    public async Task TokenCacheSizeCapsTheSessionsCache()
    {
        await ArrangeClientAsync();

        RunResult result = Shell.Run(
            $"{ConnectScript} -TokenCacheSize 1 | Out-Null\n" +
            "Get-QlikAccessToken -Credential $Client\n" +
            "Get-QlikImpersonationToken -Credential $Client -Subject 'auth0|alice'\n" +
            "Get-QlikAccessToken -Credential $Client");

        result.AssertNoErrors();
        Assert.Equal(3, TokensIn(result.Output).Count);
        Assert.Equal(3, TokenRequests);
    }

    [Fact]
    public void ATokenCacheSizeBelowOneIsRefusedBeforeConnecting()
    {
        RunResult result = Shell.Run($"{ConnectScript} -TokenCacheSize 0");

        Assert.Equal("ParameterArgumentValidationError,QlikOAuth.Commands.ConnectQlikTenantCommand", TheError(result).FullyQualifiedErrorId);
        Assert.Empty(Emulator.Requests);
    }
}
