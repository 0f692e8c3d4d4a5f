using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using QlikOAuth.Engine.Keys;
using QlikOAuth.Engine.Tokens;
using QlikOAuth.Tests.Infrastructure;
using QlikOAuth.Tests.Keys;

namespace QlikOAuth.Tests.Tokens;

/// <summary>Private key JWT with a certificate's key, end to end: registered from the certificate, verified by the emulated tenant.</summary>
public sealed class CertificateTokenTests : TenantFixture, IDisposable
{
    private readonly ScratchFolder _folder = new ScratchFolder();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("rsa:2048", "pfx password")]
    [InlineData("ec", null)]
    public async Task AnOpenSslPfxRegistersAndSignsTheTokenRequest(string newKey, string? password)
    {
        string[] keyOptions = newKey == "ec" ? ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384"] : ["-newkey", newKey];
        OpenSsl(["req", "-x509", .. keyOptions, "-keyout", "key.pem", "-out", "cert.pem", "-days", "1", "-nodes", "-subj", "/CN=token test"]);
        OpenSsl("pkcs12", "-export", "-inkey", "key.pem", "-in", "cert.pem", "-out", "cert.pfx", "-passout", "pass:" + password);
        var secret = password is null ? null : KeyTestSupport.Secure(password); // no password: OpenSSL wrote an empty one, which .NET tries by itself

        PublicJwk registered = CertificateKeys.ReadPublicJwk(null, _folder.File("cert.pfx"), secret);
        using var client = await TokenTestClients.KeyClientAsync(Connection, Admin, registered, CertificateKeys.ReadSigningKey(null, _folder.File("cert.pfx"), secret));
        AccessToken token = await new TokenIssuer(Connection, client, null, null, null).GetAccessTokenAsync(CancellationToken.None);

        Assert.Equal(GrantTypes.ClientCredentials, token.GrantType);
        var sent = Assert.Single(Emulator.Requests, request => request.Path == "/oauth/token");
        Assert.Equal(200, sent.Status);
        Assert.Contains(ClientAssertion.AssertionType, sent.Body);
        Assert.Equal(newKey == "ec" ? "ES384" : "RS256", registered.Alg);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ADotNetCertificateObjectSignsAnImpersonationTokenRequest(bool ec)
    {
        using AsymmetricAlgorithm key = ec ? ECDsa.Create(ECCurve.NamedCurves.nistP384) : RSA.Create(2048);
        var request = key is RSA rsa
            ? new CertificateRequest("CN=token test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new CertificateRequest("CN=token test", (ECDsa)key, HashAlgorithmName.SHA384);
        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));

        using var client = await TokenTestClients.KeyClientAsync(Connection, Admin, CertificateKeys.ReadPublicJwk(certificate, null), CertificateKeys.ReadSigningKey(certificate, null));
        IssuedToken issued = await new TokenIssuer(Connection, client, null, null, Admin)
            .GetImpersonationTokenAsync(UserReference.From(QlikCloud.Emulator.EmulatorDefaults.AliceId, null, null)!, CancellationToken.None);

        Assert.Equal(GrantTypes.UserImpersonation, issued.Token.GrantType);
        Assert.Equal(200, Assert.Single(Emulator.Requests, sent => sent.Path == "/oauth/token").Status);
    }

    private void OpenSsl(params string[] arguments) => KeyTestSupport.OpenSsl(_folder.Path, arguments);
}
