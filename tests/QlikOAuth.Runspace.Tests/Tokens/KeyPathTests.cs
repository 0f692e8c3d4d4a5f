using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Tokens;

/// <summary>
/// -PrivateKeyPath names the file PowerShell would: relative to the current location, on a PSDrive, or absolute
/// wherever the current location is (an absolute Unix path skips PowerShell's resolver, issue 22, and must land on the
/// same file). Each key signs a token the tenant accepts.
/// </summary>
public sealed class KeyPathTests : TokenTestBase
{
    private const string Token = "Get-QlikAccessToken -ClientId $ClientId -PrivateKeyPath $GivenPath -KeyId kid-RS256 -NoCache";

    [Fact]
    public async Task ARelativePathIsReadFromTheCurrentLocation()
    {
        await ArrangeKeyClientAsync("RS256");
        Shell.Run(ConnectScript).AssertNoErrors();
        Shell.SetVariable("KeyDirectory", TempDir);
        Shell.Run("$null = $ExecutionContext.SessionState.Path.SetLocation($KeyDirectory)").AssertNoErrors();
        Shell.SetVariable("GivenPath", "./RS256.pem");

        Shell.Run(Token).Single(TokenType);
    }

    [Fact]
    public async Task APathOnAPSDriveIsReadFromTheDrivesRoot()
    {
        await ArrangeKeyClientAsync("RS256");
        Shell.Run(ConnectScript).AssertNoErrors();
        Shell.SetVariable("KeyDirectory", TempDir);
        Shell.Run("$null = $ExecutionContext.SessionState.Drive.New([System.Management.Automation.PSDriveInfo]::new('QlikKeys', $ExecutionContext.SessionState.Provider.GetOne('FileSystem'), $KeyDirectory, '', $null), 'global')").AssertNoErrors();
        Shell.SetVariable("GivenPath", "QlikKeys:/RS256.pem");

        Shell.Run(Token).Single(TokenType);
    }

    [Fact]
    public async Task AnAbsolutePathWithDotSegmentsIsThatFileWhateverTheCurrentLocation()
    {
        await ArrangeKeyClientAsync("RS256");
        Shell.Run(ConnectScript).AssertNoErrors();
        Shell.Run("$null = $ExecutionContext.SessionState.Path.SetLocation('Env:')").AssertNoErrors();
        Shell.SetVariable("GivenPath", Path.Combine(TempDir, ".", "missing", "..", "RS256.pem"));

        Shell.Run(Token).Single(TokenType);
    }
}
