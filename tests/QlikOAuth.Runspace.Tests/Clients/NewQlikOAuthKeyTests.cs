using System.Management.Automation;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Clients;

/// <summary>New-QlikOAuthKey: the kinds of key, the PEM file and its protection, -Force, -WhatIf.</summary>
public sealed class NewQlikOAuthKeyTests : ClientTestBase
{
    [Fact]
    public void TheDefaultIsAnRs256KeyWhoseKidIsItsThumbprint()
    {
        string path = Path.Combine(TempDir, "k.pem");

        RunResult result = RunUnconnected($"New-QlikOAuthKey -Path '{path}'");

        PSObject key = result.Single(KeyType);
        Assert.Equal(("RS256", 2048), (key.Prop<string>("Algorithm"), key.Prop<int>("KeySize")));
        Assert.Equal(key.Prop<string>("Thumbprint"), key.Prop<string>("KeyId"));
        Assert.Equal(path, key.Prop<string>("PrivateKeyPath"));
        Assert.False(key.Prop<bool>("Encrypted"));
        Assert.Contains("\"kty\":\"RSA\"", key.Prop<string>("PublicKey"));
        Assert.DoesNotContain("\"d\"", key.Prop<string>("PublicKey"));
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void Es384AndRs512KeysWithAChosenKidAndARelativePath()
    {
        RunResult result = RunUnconnected($"$ExecutionContext.SessionState.Path.SetLocation('{TempDir}') | Out-Null\nNew-QlikOAuthKey ./ec.pem -Algorithm ES384 -KeyId ec-1\nNew-QlikOAuthKey ./rsa.pem -Algorithm RS512 -KeySize 3072");

        var keys = result.OutputOfType(KeyType);
        Assert.Equal(("ES384", 384, "ec-1"), (keys[0].Prop<string>("Algorithm"), keys[0].Prop<int>("KeySize"), keys[0].Prop<string>("KeyId")));
        Assert.Equal(("RS512", 3072), (keys[1].Prop<string>("Algorithm"), keys[1].Prop<int>("KeySize")));
        Assert.Equal(Path.Combine(TempDir, "ec.pem"), keys[0].Prop<string>("PrivateKeyPath"));
        Assert.True(File.Exists(Path.Combine(TempDir, "rsa.pem")));
    }

    [Fact]
    public void APasswordEncryptsTheFile()
    {
        Shell.SetVariable("KeyPassword", Secure("correct horse"));

        RunResult result = RunUnconnected($"New-QlikOAuthKey -Path '{TempDir}/enc.pem' -Password $KeyPassword");

        Assert.True(result.Single(KeyType).Prop<bool>("Encrypted"));
        Assert.StartsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----", File.ReadAllText(Path.Combine(TempDir, "enc.pem")));
        Assert.DoesNotContain("correct horse", result.AllText());
    }

    [Fact]
    public void AnExistingFileIsKeptUnlessForce()
    {
        string path = Path.Combine(TempDir, "k.pem");
        File.WriteAllText(path, "keep me");

        RunResult refused = RunUnconnected($"New-QlikOAuthKey -Path '{path}' -ErrorAction Stop");
        Assert.Equal("keep me", File.ReadAllText(path));
        RunResult forced = RunUnconnected($"New-QlikOAuthKey -Path '{path}' -Force");

        Assert.Equal("KeyFileExists,QlikOAuth.Commands.NewQlikOAuthKeyCommand", refused.Terminating?.ErrorRecord.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceExists, refused.Terminating!.ErrorRecord.CategoryInfo.Category);
        forced.Single(KeyType);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(path));
    }

    [Fact]
    public void WhatIfWritesNothingButEmitsTheKeyItWouldWriteForTheNextStepsPreview()
    {
        RunResult result = RunUnconnected($"New-QlikOAuthKey -Path '{TempDir}/k.pem' -Algorithm ES384 -WhatIf");

        PSObject preview = result.Single(KeyType);
        Assert.Equal("ES384", preview.Prop<string>("Algorithm"));
        Assert.Contains("\"kty\":\"EC\"", preview.Prop<string>("PublicKey"));
        Assert.False(File.Exists(Path.Combine(TempDir, "k.pem")));
    }

    [Theory]
    [InlineData("-Algorithm HS256", "UnsupportedAlgorithm")]
    [InlineData("-Algorithm ES384 -KeySize 4096", "UnsupportedKeySize")]
    public void AnImpossibleKeyIsRefused(string arguments, string errorId)
    {
        RunResult result = RunUnconnected($"New-QlikOAuthKey -Path '{TempDir}/k.pem' {arguments}");

        ErrorRecord error = Assert.Single(result.Errors);
        Assert.Equal($"{errorId},QlikOAuth.Commands.NewQlikOAuthKeyCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.False(File.Exists(Path.Combine(TempDir, "k.pem")));
    }
}
