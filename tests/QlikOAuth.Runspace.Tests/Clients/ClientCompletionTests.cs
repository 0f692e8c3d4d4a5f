using System.Management.Automation;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Clients;

/// <summary>Argument completers as the prompt calls them (CommandCompletion.CompleteInput).</summary>
public sealed class ClientCompletionTests : ClientTestBase
{
    private IReadOnlyList<string> Complete(string input) => CompleteFully(input).Select(match => match.CompletionText).ToList();

    private IReadOnlyList<CompletionResult> CompleteFully(string input)
    {
        using PowerShell shell = PowerShell.Create();
        shell.Runspace = Shell.Runspace;
        return CommandCompletion.CompleteInput(input, input.Length, null, shell).CompletionMatches.ToList();
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

        CompletionResult match = Assert.Single(CompleteFully("Remove-QlikOAuthClient -ClientId "));

        Assert.Equal(clientId, match.CompletionText);
        Assert.Equal($"{clientId} (live one)", match.ListItemText);
    }

    [Theory]
    [InlineData("Get-QlikImpersonationToken -Email bo", "bob@example.com")]
    [InlineData("Test-QlikOAuthClient -Email ali", "alice@example.com")]
    [InlineData("Get-QlikImpersonationToken -Subject 'auth0|b", "'auth0|bob'")]
    public void UserParametersCompleteLiveUsersAndNeverFileNames(string input, string expected)
    {
        File.WriteAllText(Path.Combine(TempDir, "bob-notes.txt"), "not a user");
        Shell.Run($"Set-Location '{TempDir}'");

        IReadOnlyList<string> offline = Complete(input);
        RunUnconnected(ConnectScript).AssertNoErrors();
        IReadOnlyList<string> live = Complete(input);

        Assert.Empty(offline);
        Assert.Equal(new[] { expected }, live);
    }

    [Fact]
    public async Task HintCompletesTheSecretHintsOfTheClientOnTheLine()
    {
        string clientId = await ArrangeClientAsync("with secrets");
        File.WriteAllText(Path.Combine(TempDir, "hint.txt"), "not a hint");
        Shell.Run($"Set-Location '{TempDir}'");
        IReadOnlyList<string> offline = Complete($"Remove-QlikOAuthClientSecret -ClientId {clientId} -Hint ");
        RunUnconnected(ConnectScript).AssertNoErrors();
        string hint = (await TenantClientAsync(clientId))!.Value.GetProperty("clientSecrets").EnumerateArray().Single().GetProperty("hint").GetString()!;

        IReadOnlyList<string> live = Complete($"Remove-QlikOAuthClientSecret -ClientId {clientId} -Hint ");

        Assert.Empty(offline);
        Assert.Equal(new[] { hint }, live);
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
