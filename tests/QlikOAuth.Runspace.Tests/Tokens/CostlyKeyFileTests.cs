using System.Management.Automation;
using QlikOAuth.Runspace.Tests.Infrastructure;
using QlikOAuth.TestSupport;

namespace QlikOAuth.Runspace.Tests.Tokens;

/// <summary>A key file that asks for too much PBKDF2 work is refused at once; one within the cap stops on Ctrl+C.</summary>
public sealed class CostlyKeyFileTests : TokenTestBase
{
    private const string GetToken = "Get-QlikAccessToken -ClientId some-client -PrivateKeyPath $KeyPath -KeyPassword $KeyPassword -KeyId kid-1 -TenantUrl $TenantUrl";

    private void ArrangeKeyFile(int iterations, string? prfOid)
    {
        string path = Path.Combine(TempDir, "costly.pem");
        File.WriteAllText(path, CostlyKeyFile.Pem(iterations, prfOid));
        Shell.SetVariable("KeyPath", path);
        Shell.SetVariable("KeyPassword", Secure("pw"));
    }

    [Fact]
    public void AFileOverTheWorkCapIsRefusedBeforeAnyRequest()
    {
        ArrangeKeyFile(6_000_000, null); // HMAC-SHA1 with AES-256: two blocks, 12,000,000 HMACs

        RunResult result = Shell.Run(GetToken);

        Assert.Equal("KeyDerivationTooCostly,QlikOAuth.Commands.GetQlikAccessTokenCommand", TheError(result).FullyQualifiedErrorId);
        Assert.Empty(Emulator.Requests);
    }

    /// <summary>Every cmdlet that reads a private key file: the token cmdlets and the key rotation (which reads its new key).</summary>
    [Theory]
    [InlineData(GetToken)]
    [InlineData("Update-QlikOAuthClientKey -ClientId some-client -Path $KeyPath -KeyPassword $KeyPassword -KeyId kid-1 -Force")]
    public void StopWhileAKeyFileIsDecryptedEndsTheCommandPromptly(string script)
    {
        ArrangeKeyFile(9_900_000, CostlyKeyFile.HmacWithSha512); // within the cap; many seconds of work on this machine
        Shell.Run(ConnectScript).AssertNoErrors();
        using PowerShell shell = Shell.Create(script);

        IAsyncResult running = shell.BeginInvoke();
        Thread.Sleep(TimeSpan.FromSeconds(1)); // the derivation has begun: binding and reading the file take milliseconds
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        shell.Stop();
        bool ended = running.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(5));

        Assert.True(ended && stopwatch.Elapsed < TimeSpan.FromSeconds(2), $"the command took {stopwatch.Elapsed.TotalSeconds:0.0} s to stop");
        Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
        Assert.DoesNotContain(Emulator.Requests, request => request.Path.StartsWith("/oauth", StringComparison.Ordinal) || request.Method != "GET");
    }
}
