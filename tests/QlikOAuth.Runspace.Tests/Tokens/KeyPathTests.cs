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
    public async Task ARelativePathIsReadFromTheCurrentLocation() =>
        (await TokenAfterAsync("$null = $ExecutionContext.SessionState.Path.SetLocation($KeyDirectory)", "./RS256.pem")).Single(TokenType);

    [Fact]
    public async Task APathOnAPSDriveIsReadFromTheDrivesRoot() =>
        (await TokenAfterAsync(
            "$null = $ExecutionContext.SessionState.Drive.New([System.Management.Automation.PSDriveInfo]::new('QlikKeys', $ExecutionContext.SessionState.Provider.GetOne('FileSystem'), $KeyDirectory, '', $null), 'global')",
            "QlikKeys:/RS256.pem")).Single(TokenType);

    [Fact]
    public async Task AnAbsolutePathWithDotSegmentsIsThatFileWhateverTheCurrentLocation() =>
        (await TokenAfterAsync("$null = $ExecutionContext.SessionState.Path.SetLocation('Env:')", Path.Combine(TempDir, ".", "missing", "..", "RS256.pem"))).Single(TokenType);

    /// <summary>A key client with the key file in $KeyDirectory, a connected session, then <paramref name="setup"/>; the token with -PrivateKeyPath <paramref name="givenPath"/>.</summary>
    private async Task<RunResult> TokenAfterAsync(string setup, string givenPath)
    {
        await ArrangeKeyClientAsync("RS256");
        Shell.Run(ConnectScript).AssertNoErrors();
        Shell.SetVariable("KeyDirectory", TempDir);
        Shell.Run(setup).AssertNoErrors();
        Shell.SetVariable("GivenPath", givenPath);
        return Shell.Run(Token);
    }
}
