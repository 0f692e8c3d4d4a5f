using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Tokens;

/// <summary>A private key file other users can read still signs, and the user is told how to close it.</summary>
public sealed class KeyFileWarningTests : TokenTestBase
{
    [Fact]
    public async Task AKeyFileOthersCanReadIssuesTheTokenWithAWarning()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes; the Windows ACL reading is tested in the engine tests.
        }

        await ArrangeKeyClientAsync("ES384");
        string path = (string)Shell.GetVariable("KeyPath")!;
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        RunResult result = RunConnected("Get-QlikAccessToken -ClientId $ClientId -PrivateKeyPath $KeyPath -KeyId kid-ES384");

        result.AssertNoErrors();
        Assert.Single(TokensIn(result.Output));
        string warning = Assert.Single(result.Warnings).Message;
        Assert.Contains("(mode 0604)", warning);
        Assert.Contains($"chmod 600 '{path}'", warning);
    }

    [Fact]
    public async Task AKeyFileFromNewQlikOAuthKeyGivesNoWarning()
    {
        await ArrangeKeyClientAsync("RS256");

        RunResult result = RunConnected("Get-QlikAccessToken -ClientId $ClientId -PrivateKeyPath $KeyPath -KeyId kid-RS256");

        result.AssertNoErrors();
        Assert.Single(TokensIn(result.Output));
        Assert.Empty(result.Warnings);
    }
}
