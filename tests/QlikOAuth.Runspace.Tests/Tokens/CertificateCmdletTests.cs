using System.Management.Automation;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using QlikCloud.Emulator;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Tokens;

/// <summary>-Certificate and -CertificatePath: registered by New/Set-QlikOAuthClient, signing for the token cmdlets.</summary>
public sealed class CertificateCmdletTests : TokenTestBase
{
    private const string ClientType = "QlikOAuth.QlikOAuthClient";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void APfxRegistersTheClientAndBothItAndTheCertificateObjectSignTokenRequests(bool ec)
    {
        ArrangeCertificate(ec);

        RunResult result = RunConnected(
            "$client = New-QlikOAuthClient -Name cert -CertificatePath $PfxPath -CertificatePassword $PfxPassword -AuthenticationMethod PrivateKeyJwt -Trusted\n" +
            "$client\n" +
            "Get-QlikAccessToken -ClientId $client.ClientId -CertificatePath $PfxPath -CertificatePassword $PfxPassword -Verbose\n" +
            "$client | Get-QlikAccessToken -Certificate $Cert -NoCache");

        result.AssertNoErrors();
        PSObject client = Assert.Single(result.Output, item => item.BaseObject.GetType().FullName == ClientType);
        Assert.Equal(new[] { client.Prop<string>("KeyId") }, client.Prop<string[]>("PublicKeyIds"));
        Assert.Equal(2, TokensIn(result.Output).Count);
        var sent = Emulator.Requests.Where(request => request.Path == "/oauth/token").ToList();
        Assert.Equal(2, sent.Count);
        Assert.All(sent, request => Assert.Equal(200, request.Status));
        Assert.All(sent, request => Assert.Contains("client_assertion", request.Body));
        Assert.Contains(result.Verbose, record => record.Message.Contains($"{(ec ? "ES384" : "RS256")} key {client.Prop<string>("KeyId")} from {Path.Combine(TempDir, "cert.pfx")}"));
        AssertNoSecretText(result);
    }

    [Fact]
    public void ACertificateObjectSignsImpersonationTokensAndSetQlikOAuthClientRegistersItsPublicKey()
    {
        ArrangeCertificate(ec: false);

        RunResult result = RunConnected(
            "$client = New-QlikOAuthClient -Name cert -PublicKey $PublicOnly -Impersonation -AuthenticationMethod PrivateKeyJwt -Trusted\n" +
            $"$client | Get-QlikImpersonationToken -Certificate $Cert -Email {EmulatorDefaults.AliceEmail}\n" +
            "$client | Set-QlikOAuthClient -Certificate $PublicOnly -KeyId rotated -PassThru");

        result.AssertNoErrors();
        PSObject token = Assert.Single(TokensIn(result.Output));
        Assert.Equal(EmulatorDefaults.AliceEmail, token.Prop<string>("Email"));
        Assert.Equal(new[] { "rotated" }, Assert.Single(result.Output, item => item.BaseObject.GetType().FullName == ClientType).Prop<string[]>("PublicKeyIds"));
        Assert.Equal(200, Assert.Single(Emulator.Requests, request => request.Path == "/oauth/token").Status);
    }

    [Theory]
    [InlineData("Get-QlikAccessToken -ClientId some-client -Certificate $PublicOnly", "CertificateWithoutPrivateKey")]
    [InlineData("Get-QlikAccessToken -ClientId some-client -CertificatePath $PfxPath -CertificatePassword $Wrong", "WrongKeyPassword")]
    [InlineData("Get-QlikAccessToken -ClientId some-client -CertificatePath $PfxPath", "KeyPasswordRequired")]
    [InlineData("Get-QlikAccessToken -ClientId some-client -PrivateKeyPath ./key.pem -Certificate $Cert", "ConflictingKeySources")]
    [InlineData("Get-QlikImpersonationToken -Certificate $Cert -Email someone@example.com", "MissingClientId")]
    [InlineData("New-QlikOAuthClient -Name cert -CertificatePath $PfxPath -CertificatePassword $Wrong", "WrongKeyPassword")]
    [InlineData("Set-QlikOAuthClient -ClientId some-client -CertificatePath $NotPfx", "UnreadableKey")]
    public void ACertificateThatCannotServeIsAClearErrorBeforeAnyRequest(string script, string errorId)
    {
        ArrangeCertificate(ec: true);
        Shell.SetVariable("Wrong", Secure("not the password"));
        File.WriteAllText(Path.Combine(TempDir, "not-a-pfx.txt"), "no certificate here");
        Shell.SetVariable("NotPfx", Path.Combine(TempDir, "not-a-pfx.txt"));

        RunResult result = RunConnected(script);

        ErrorRecord error = TheError(result);
        Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId);
        Assert.Empty(result.Output);
        Assert.DoesNotContain(Emulator.Requests, request => request.Path == "/oauth/token" || request.Path.StartsWith("/api/v1/oauth-clients", StringComparison.Ordinal));
        Assert.DoesNotContain("pfx password", result.AllText());
    }

    /// <summary>$Cert (with its private key), $PublicOnly (the same certificate without it), $PfxPath and $PfxPassword.</summary>
    private void ArrangeCertificate(bool ec)
    {
        using AsymmetricAlgorithm key = ec ? ECDsa.Create(ECCurve.NamedCurves.nistP384) : RSA.Create(2048);
        var request = key is RSA rsa
            ? new CertificateRequest("CN=runspace test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new CertificateRequest("CN=runspace test", (ECDsa)key, HashAlgorithmName.SHA384);
        X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        string path = Path.Combine(TempDir, "cert.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, "pfx password"));
        Shell.SetVariable("Cert", certificate);
        Shell.SetVariable("PublicOnly", X509CertificateLoader.LoadCertificate(certificate.RawData));
        Shell.SetVariable("PfxPath", path);
        Shell.SetVariable("PfxPassword", Secure("pfx password"));
    }
}
