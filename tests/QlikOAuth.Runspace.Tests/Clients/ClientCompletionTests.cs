using System.Management.Automation;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Clients;

/// <summary>Argument completers as the prompt calls them (CommandCompletion.CompleteInput).</summary>
public sealed class ClientCompletionTests : ClientTestBase
{
    private IReadOnlyList<string> Complete(string input)
    {
        using PowerShell shell = PowerShell.Create();
        shell.Runspace = Shell.Runspace;
        CommandCompletion completion = CommandCompletion.CompleteInput(input, input.Length, null, shell);
        return completion.CompletionMatches.Select(match => match.CompletionText).ToList();
    }

    [Theory]
    [InlineData("New-QlikOAuthClient -Name x -Scope admin", "admin_classic")]
    [InlineData("New-QlikOAuthClient -Name x -Scope user_", "user_default")]
    [InlineData("New-QlikOAuthClient -Name x -GrantType User", "UserImpersonation")]
    [InlineData("Set-QlikOAuthClient -ClientId x -GrantType urn", "urn:qlik:oauth:user-impersonation")]
    [InlineData("New-QlikOAuthClient -Name x -AuthenticationMethod Priv", "PrivateKeyJwt")]
    [InlineData("New-QlikOAuthKey -Path k.pem -Algorithm ES", "ES384")]
    public void OfflineValuesComeFromTheEngine(string input, string expected)
    {
        IReadOnlyList<string> matches = Complete(input);

        Assert.Contains(expected, matches);
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public void AlgorithmsCompleteToAllThree()
    {
        Assert.Equal(new[] { "RS256", "RS512", "ES384" }, Complete("New-QlikOAuthKey -Path k.pem -Algorithm "));
    }

    [Fact]
    public async Task ClientIdsComeLiveFromTheDefaultSession()
    {
        string clientId = await ArrangeClientAsync("live one");
        RunUnconnected(ConnectScript).AssertNoErrors();

        IReadOnlyList<string> matches = Complete("Remove-QlikOAuthClient -ClientId ");

        Assert.Equal(new[] { clientId }, matches);
    }

    [Fact]
    public async Task ClientNamesComeLiveFromTheSessionTypedOnTheLineAndAreQuoted()
    {
        await ArrangeClientAsync("etl nightly");
        await ArrangeClientAsync("portal");
        RunUnconnected($"$s = {ConnectScript} -NoDefault").AssertNoErrors();

        IReadOnlyList<string> matches = Complete("Get-QlikOAuthClient -Session $s -Name et");

        Assert.Equal(new[] { "'etl nightly'" }, matches);
    }

    [Fact]
    public async Task WithoutASessionLiveCompletionOffersNothingAndSendsNothing()
    {
        await ArrangeClientAsync("unseen");
        Emulator.ClearRequests();

        Assert.Empty(Complete("Get-QlikOAuthClient -ClientId "));
        Assert.Empty(Emulator.Requests);
    }
}
