using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Tokens;

/// <summary>
/// The engine's log reaches Verbose whenever Verbose output is wanted, by -Verbose or by $VerbosePreference, and is
/// not even built when it is not.
/// </summary>
public sealed class EngineLogTests : TokenTestBase
{
    private const string EngineMessage = "Requesting a client_credentials token";

    [Fact]
    public async Task ThePreferenceVariableAloneBringsTheEngineLog()
    {
        await ArrangeClientAsync();

        RunResult result = RunConnected("$VerbosePreference = 'Continue'; Get-QlikAccessToken -Credential $Client -NoCache | Out-Null");

        result.AssertNoErrors();
        Assert.Contains(result.Verbose, record => record.Message.StartsWith(EngineMessage, StringComparison.Ordinal));
        AssertNoSecretText(result);
    }

    [Fact]
    public async Task VerboseFalseWinsOverThePreference_AndNoPreferenceMeansNoLog()
    {
        await ArrangeClientAsync();

        RunResult result = RunConnected(
            "$VerbosePreference = 'Continue'; Get-QlikAccessToken -Credential $Client -NoCache -Verbose:$false | Out-Null\n" +
            "$VerbosePreference = 'SilentlyContinue'; Get-QlikAccessToken -Credential $Client -NoCache | Out-Null");

        result.AssertNoErrors();
        Assert.DoesNotContain(result.Verbose, record => record.Message.StartsWith(EngineMessage, StringComparison.Ordinal));
        Assert.Equal(2, TokenRequests);
    }
}
