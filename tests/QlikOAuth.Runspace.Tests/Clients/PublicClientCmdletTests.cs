using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Clients;

/// <summary>
/// Secrets, keys, consent and publish on the public app types (native, spa, anonymous-embed), and sign-in asked of a
/// client that cannot take it: each refused after reading the client, before anything is written, with its own id.
/// </summary>
public sealed class PublicClientCmdletTests : ClientTestBase
{
    [Theory]
    [InlineData("native")]
    [InlineData("spa")]
    [InlineData("anonymous-embed")]
    public async Task APublicClientGetsNoSecretAndNoKeyAndNothingIsWritten(string appType)
    {
        string clientId = await EmulatorRest.CreateClientOfAppTypeAsync(Emulator, appType, "public");

        RunResult result = Run(
            $"$Id = '{clientId}'\n" +
            "New-QlikOAuthClientSecret -ClientId $Id -Force\n" +
            "Update-QlikOAuthClientSecret -ClientId $Id -Force\n" +
            "Remove-QlikOAuthClientSecret -ClientId $Id -Hint abcde -Confirm:$false\n" +
            $"$key = New-QlikOAuthKey -Path {TempDir}/{appType}.pem -KeyId new\n" +
            "$key | Add-QlikOAuthClientKey -ClientId $Id -Confirm:$false\n" +
            "$key | Update-QlikOAuthClientKey -ClientId $Id -Force\n" +
            "Remove-QlikOAuthClientKey -ClientId $Id -KeyId new -Force");

        Assert.Equal(Enumerable.Repeat("CredentialNotAllowed", 6), result.Errors.Select(error => error.FullyQualifiedErrorId.Split(',')[0]));
        Assert.All(result.Errors, error => Assert.Contains($"is a{(appType[0] == 'a' ? "n" : string.Empty)} {appType} client, which is public", error.Exception.Message, StringComparison.Ordinal));
        Assert.All(RequestsAfterConnect(), request => Assert.Equal("GET", request.Method));
    }

    [Theory]
    [InlineData("native")]
    [InlineData("spa")]
    public async Task AClientThatSignsPeopleInTakesConsentAndIsPublished(string appType)
    {
        string clientId = await EmulatorRest.CreateClientOfAppTypeAsync(Emulator, appType, "sign-in");

        RunResult result = Run(
            $"Set-QlikOAuthConsent -ClientId {clientId} -Method Trusted\n" +
            $"(Publish-QlikOAuthClient -ClientId {clientId} -PassThru -Confirm:$false).PublishedAt -ne $null");

        result.AssertNoErrors();
        Assert.Equal("True", Assert.Single(result.Output).ToString());
        Assert.Equal("trusted", await TenantConsentAsync(clientId));
    }

    [Fact]
    public async Task AnAnonymousEmbedIsNeitherTrustedNorPublishedAndNothingIsWritten()
    {
        string clientId = await EmulatorRest.CreateClientOfAppTypeAsync(Emulator, "anonymous-embed", "embed");

        RunResult result = Run(
            $"Set-QlikOAuthConsent -ClientId {clientId} -Method Trusted\n" +
            $"Set-QlikOAuthClient -ClientId {clientId} -ConsentMethod trusted\n" +
            $"Publish-QlikOAuthClient -ClientId {clientId} -Confirm:$false\n" +
            $"Set-QlikOAuthConsent -ClientId {clientId} -Method Required -PassThru | ForEach-Object ConsentMethod");

        Assert.Equal(["ConsentNotAllowed", "ConsentNotAllowed", "PublishNotAllowed"], result.Errors.Select(error => error.FullyQualifiedErrorId.Split(',')[0]));
        Assert.Equal("required", Assert.Single(result.Output).ToString(), ignoreCase: true);
        Assert.All(RequestsAfterConnect(), request => Assert.Equal("GET", request.Method));
    }

    [Fact]
    public async Task SignInOnAClientWithoutRedirectUrisNeedsOneInTheSameCall()
    {
        string clientId = await ArrangeClientAsync("machine");

        RunResult refused = Run($"Set-QlikOAuthClient -ClientId {clientId} -GrantType AuthorizationCode");
        Assert.StartsWith("RedirectUriRequired,", Assert.Single(refused.Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.All(RequestsAfterConnect(), request => Assert.Equal("GET", request.Method));

        RunResult result = Run(
            $"$c = Set-QlikOAuthClient -ClientId {clientId} -GrantType AuthorizationCode -RedirectUri https://portal.example.com/cb -PassThru\n" +
            "$c.GrantTypes.Count; $c.RedirectUris\n" +
            $"Set-QlikOAuthClient -ClientId {clientId} -GrantType AuthorizationCode -Description 'signs people in'");

        result.AssertNoErrors();
        Assert.Equal(["0", "https://portal.example.com/cb"], result.Output.Select(item => item.ToString()));
    }

    [Fact]
    public async Task SignInOnAnAnonymousEmbedIsRefusedForWhatItIs()
    {
        string clientId = await EmulatorRest.CreateClientOfAppTypeAsync(Emulator, "anonymous-embed", "embed");

        RunResult result = Run($"Set-QlikOAuthClient -ClientId {clientId} -GrantType AuthorizationCode");

        Assert.StartsWith("AuthorizationCodeNotAllowed,", Assert.Single(result.Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.All(RequestsAfterConnect(), request => Assert.Equal("GET", request.Method));
    }
}
