using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Clients;

/// <summary>Every app type through the cmdlets a person runs: New, Get, Set, Export, Remove, Import and Sync, and the export after the round trip is byte-identical.</summary>
public sealed class AppTypeCmdletTests : ClientTestBase
{
    [Theory]
    [InlineData("Web", "web", "-GrantType AuthorizationCode -RedirectUri https://portal.example.com/callback -Scope user_default, offline_access")]
    [InlineData("native", "native", "-RedirectUri http://127.0.0.1:8765/callback")]
    [InlineData("SinglePage", "spa", "-RedirectUri http://localhost:5173/oauth-callback.html -AllowedOrigin http://localhost:5173")]
    [InlineData("AnonymousEmbed", "anonymous-embed", "-AllowedOrigin https://embed.example.com")]
    public void EveryAppTypeGoesThroughEveryClientCmdletAndItsExportRoundTripsByteForByte(string given, string wire, string parameters)
    {
        RunResult result = Run(
            $"$c = New-QlikOAuthClient -Name 'kind' -AppType {given} {parameters}\n" +
            "$c.AppType\n" +
            "$null -ne $c.ClientSecret\n" +
            "(Get-QlikOAuthClient -ClientId $c.ClientId).AppType\n" +
            "(Set-QlikOAuthClient -ClientId $c.ClientId -Description 'changed' -PassThru).Description\n" +
            "$first = Export-QlikOAuthClient -ClientId $c.ClientId\n" +
            "$c | Remove-QlikOAuthClient -Force\n" +
            "$copy = Import-QlikOAuthClient -Definition $first\n" +
            "$copy.AppType\n" +
            "$first -ceq (Export-QlikOAuthClient -ClientId $copy.ClientId)\n" +
            "(Sync-QlikOAuthClient -Definition $first).Action.ToString()\n" +
            "$copy | Remove-QlikOAuthClient -Force");

        result.AssertNoErrors();
        Assert.Equal(
            [wire, (wire == "web").ToString(), wire, "changed", wire, "True", "Unchanged"],
            result.Output.Select(item => item.ToString()));
    }

    [Fact]
    public void SetRefusesToChangeAnAppTypeAndSendsNoChange()
    {
        RunResult result = Run(
            "$c = New-QlikOAuthClient -Name 'mashup' -AppType SinglePage -RedirectUri http://localhost:5173/cb\n" +
            "Set-QlikOAuthClient -ClientId $c.ClientId -AppType Web -Description 'now web'");

        Assert.StartsWith("AppTypeCannotChange,", Assert.Single(result.Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.DoesNotContain(RequestsAfterConnect(), request => request.Method == "PATCH");
    }

    [Theory]
    [InlineData("-AppType SinglePage -GrantType ClientCredentials", "MachineGrantNotAllowed")]
    [InlineData("-AppType Native -AuthenticationMethod ClientSecret", "CredentialNotAllowed")]
    [InlineData("-AppType AnonymousEmbed -RedirectUri https://embed.example.com/cb", "RedirectUrisNotAllowed")]
    [InlineData("-AppType Native -AllowedOrigin https://desktop.example.com", "AllowedOriginsNotAllowed")]
    [InlineData("-GrantType AuthorizationCode", "RedirectUriRequired")]
    [InlineData("-AppType AnonymousEmbed -GrantType AuthorizationCode", "AuthorizationCodeNotAllowed")]
    [InlineData("-AppType AnonymousEmbed -Trusted", "ConsentNotAllowed")]
    [InlineData("-AppType Desktop", "UnknownAppType")]
    public void EachAppTypesRuleIsAnErrorOfItsOwnBeforeAnyRequest(string parameters, string errorId)
    {
        RunResult result = Run($"New-QlikOAuthClient -Name 'broken' {parameters}");

        Assert.StartsWith(errorId + ",", Assert.Single(result.Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Empty(RequestsAfterConnect());
    }
}
