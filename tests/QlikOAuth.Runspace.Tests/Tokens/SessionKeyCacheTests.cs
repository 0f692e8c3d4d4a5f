using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Tokens;

/// <summary>
/// A session decrypts a protected key file once for all its token calls (issue 22), and nothing it keeps goes stale:
/// a changed key file, another password and a Disconnect each make the next call read the file again.
/// </summary>
public sealed class SessionKeyCacheTests : TokenTestBase
{
    private const string Token = "Get-QlikAccessToken -ClientId $ClientId -PrivateKeyPath $KeyPath -KeyId kid-RS256 -KeyPassword $KeyPassword -NoCache -Verbose";
    private const string ReadEarlier = "read earlier in this session";

    [Fact]
    public async Task TheSecondCallOfASessionSignsWithTheKeyItReadBefore()
    {
        await ArrangeKeyClientAsync("RS256", Secure("key password 123"));
        Shell.Run(ConnectScript).AssertNoErrors();

        RunResult first = Shell.Run(Token);
        RunResult second = Shell.Run(Token);

        first.AssertNoErrors();
        second.AssertNoErrors();
        Assert.DoesNotContain(first.Verbose, record => record.Message.Contains(ReadEarlier));
        Assert.Contains(second.Verbose, record => record.Message.Contains(ReadEarlier));
        Assert.Equal(2, Emulator.Requests.Count(request => request.Path == "/oauth/token" && request.Status == 200));
        AssertNoSecretText(second);
    }

    [Fact]
    public async Task AChangedKeyFileIsReadAgain()
    {
        await ArrangeKeyClientAsync("RS256", Secure("key password 123"));
        Shell.Run(ConnectScript).AssertNoErrors();
        Shell.Run(Token).AssertNoErrors();

        // Another key in the same file, under the same password: the tenant has never seen it.
        Shell.Run("New-QlikOAuthKey -Path $KeyPath -KeyId kid-RS256 -Password $KeyPassword -Force | Out-Null").AssertNoErrors();
        RunResult changed = Shell.Run(Token);

        Assert.DoesNotContain(changed.Verbose, record => record.Message.Contains(ReadEarlier));
        Assert.StartsWith("TokenRefused.InvalidClientCredentials,", TheError(changed).FullyQualifiedErrorId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherPasswordIsCheckedAgainstTheFile()
    {
        await ArrangeKeyClientAsync("RS256", Secure("key password 123"));
        Shell.Run(ConnectScript).AssertNoErrors();
        Shell.Run(Token).AssertNoErrors();

        Shell.SetVariable("KeyPassword", Secure("not the password"));
        RunResult wrong = Shell.Run(Token);

        Assert.StartsWith("WrongKeyPassword,", TheError(wrong).FullyQualifiedErrorId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADisconnectedSessionsKeysAreGoneAndANewSessionReadsTheFileAgain()
    {
        await ArrangeKeyClientAsync("RS256", Secure("key password 123"));
        Shell.Run(ConnectScript).AssertNoErrors();
        Shell.Run(Token).AssertNoErrors();

        Shell.Run("Disconnect-QlikTenant").AssertNoErrors();
        Shell.Run(ConnectScript).AssertNoErrors();
        RunResult again = Shell.Run(Token);

        again.AssertNoErrors();
        Assert.DoesNotContain(again.Verbose, record => record.Message.Contains(ReadEarlier));
    }
}
