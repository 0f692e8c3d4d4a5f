using System.Collections;
using System.Management.Automation;
using QlikCloud.Emulator;
using QlikOAuth.Runspace.Tests.Clients;
using QlikOAuth.Runspace.Tests.Infrastructure;
using Xunit.Abstractions;

namespace QlikOAuth.Runspace.Tests.Credentials;

/// <summary>
/// Rotation without downtime, measured: while a token loop (<see cref="TokenLoop"/>) asks for a new token again and
/// again with the credential it holds, a secret and then a key are rotated; the loop takes the new credential from the
/// rotating pipeline and sees no refusal. The counts of tokens issued during each rotation go to the test output.
/// </summary>
public sealed class NoDowntimeRotationTests(ITestOutputHelper output) : ClientTestBase
{
    /// <summary>Tokens the loop gets with the new credential before the test stops it: proof that it kept going.</summary>
    private const int TokensAfterSwitch = 5;

    protected override void Configure(EmulatorOptions options) => options.Tier2Limit = 100_000;

    [Fact]
    public async Task ASecretRotatesWhileATokenLoopRunsWithoutARefusal()
    {
        (string clientId, string secret) = await ArrangeClientWithSecretAsync("secret under load", trusted: true);
        using var loop = new TokenLoop(Shell, new Hashtable { ["Credential"] = new PSCredential(clientId, Secure(secret)) });
        Shell.SetVariable("Loop", loop);
        loop.Start();
        loop.WaitUntil(running => running.Issued >= 3);

        int before = loop.Issued;
        RunResult result = Run($"Update-QlikOAuthClientSecret -ClientId {clientId} -Force | ForEach-Object {{ $Loop.Switch(@{{ Credential = $_.Credential }}) }}");
        int during = loop.Issued - before;
        loop.WaitUntil(running => running.IssuedWithCurrent >= TokensAfterSwitch);

        result.AssertNoErrors();
        Assert.Empty(loop.Refusals);
        Assert.True(during > 0, "the loop issued no token during the rotation");
        Assert.Single((await TenantClientAsync(clientId))!.Value.GetProperty("clientSecrets").EnumerateArray());
        output.WriteLine($"secret rotation: {during} tokens issued during the rotation, {loop.Issued} in all, 0 refused");
    }

    [Fact]
    public void AKeyRotatesWhileATokenLoopRunsWithoutARefusal()
    {
        PSObject client = Run($"New-QlikOAuthKey -Path {TempDir}/old.pem -KeyId old | New-QlikOAuthClient -Name 'key under load' -AuthenticationMethod PrivateKeyJwt -Trusted").Single(ClientType);
        string clientId = client.Prop<string>("ClientId")!;
        using var loop = new TokenLoop(Shell, new Hashtable { ["ClientId"] = clientId, ["KeyId"] = "old", ["PrivateKeyPath"] = $"{TempDir}/old.pem" });
        Shell.SetVariable("Loop", loop);
        loop.Start();
        loop.WaitUntil(running => running.Issued >= 3);

        int before = loop.Issued;
        RunResult result = Run(
            $"New-QlikOAuthKey -Path {TempDir}/new.pem -KeyId new | Update-QlikOAuthClientKey -ClientId {clientId} -Force |\n" +
            "    ForEach-Object { $Loop.Switch(@{ ClientId = $_.ClientId; KeyId = $_.KeyId; PrivateKeyPath = $_.PrivateKeyPath }) }\n" +
            $"(Get-QlikOAuthClient -ClientId {clientId}).PublicKeyIds");
        int during = loop.Issued - before;
        loop.WaitUntil(running => running.IssuedWithCurrent >= TokensAfterSwitch);

        result.AssertNoErrors();
        Assert.Empty(loop.Refusals);
        Assert.True(during > 0, "the loop issued no token during the rotation");
        Assert.Equal("new", (string)Assert.Single(result.Output).BaseObject);
        output.WriteLine($"key rotation: {during} tokens issued during the rotation, {loop.Issued} in all, 0 refused");
    }

    /// <summary>The loop can see a refusal: removing the secret it holds before it switches is one.</summary>
    [Fact]
    public async Task TheLoopSeesARefusalWhenTheSecretItHoldsIsRemovedFirst()
    {
        (string clientId, string secret) = await ArrangeClientWithSecretAsync("removed under load", trusted: true);
        using var loop = new TokenLoop(Shell, new Hashtable { ["Credential"] = new PSCredential(clientId, Secure(secret)) });
        loop.Start();
        loop.WaitUntil(running => running.Issued >= 3);

        Run($"$null = New-QlikOAuthClientSecret -ClientId {clientId} -Force; Remove-QlikOAuthClientSecret -ClientId {clientId} -Hint {secret[^5..]} -Force").AssertNoErrors();
        loop.WaitUntil(running => running.Refusals.Count > 0);

        Assert.StartsWith("TokenRefused.InvalidClientCredentials,", loop.Refusals[0], StringComparison.Ordinal);
    }
}
