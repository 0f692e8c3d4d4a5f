using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Tokens;

/// <summary>One session handed to many runspaces at once (ForEach-Object -Parallel), as a runbook fanning out would.</summary>
public sealed class ParallelRunspaceTests : TokenTestBase
{
    [Fact]
    public async Task ParallelRunspacesSharingOneSessionGetTheSameTokenFromOneRequest()
    {
        await ArrangeClientAsync();
        Shell.SetVariable("Manifest", ModuleUnderTest.ManifestPath);
        Emulator.ClearRequests();

        RunResult result = Shell.Run($$"""
            $session = {{ConnectScript}}
            1..16 | ForEach-Object -ThrottleLimit 8 -Parallel {
                Import-Module $using:Manifest
                Get-QlikAccessToken -Credential $using:Client -Session $using:session -AsPlainText
            }
            """);

        result.AssertNoErrors();
        var tokens = result.Output.Where(item => item.BaseObject.GetType().FullName == TokenType).ToList();
        Assert.Equal(16, tokens.Count);
        Assert.Single(tokens.Select(token => token.Prop<string>("AccessToken")).Distinct());
        Assert.Equal(1, TokenRequests);
    }

    [Fact]
    public async Task ParallelImpersonationForDifferentUsersGivesEachItsOwnToken()
    {
        await ArrangeClientAsync();
        Shell.SetVariable("Manifest", ModuleUnderTest.ManifestPath);
        Emulator.ClearRequests();

        RunResult result = Shell.Run($$"""
            $session = {{ConnectScript}}
            'auth0|alice', 'auth0|bob', 'auth0|carol', 'auth0|alice' | ForEach-Object -ThrottleLimit 4 -Parallel {
                Import-Module $using:Manifest
                Get-QlikImpersonationToken -Subject $_ -Credential $using:Client -Session $using:session -AsPlainText
            }
            """);

        result.AssertNoErrors();
        var bySubject = result.Output.GroupBy(token => token.Prop<string>("Subject")!).ToDictionary(group => group.Key, group => group.Select(token => token.Prop<string>("AccessToken")).Distinct().Count());
        Assert.Equal(new[] { "auth0|alice", "auth0|bob", "auth0|carol" }, bySubject.Keys.Order());
        Assert.All(bySubject.Values, distinctTokens => Assert.Equal(1, distinctTokens));
        Assert.Equal(3, TokenRequests);
    }
}
