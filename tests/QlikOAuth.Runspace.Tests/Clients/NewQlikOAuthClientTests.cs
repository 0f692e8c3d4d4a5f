using System.Management.Automation;
using System.Net;
using System.Security;
using System.Text.Json;
using QlikCloud.Emulator;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Clients;

/// <summary>New-QlikOAuthClient as a user types it: defaults, every parameter, keys, duplicates, and the one-time secret.</summary>
public sealed class NewQlikOAuthClientTests : ClientTestBase
{
    [Fact]
    public async Task TheDefaultIsAWebM2MClientWithItsSecretAsSecureStringAndCredential()
    {
        RunResult result = Run("New-QlikOAuthClient -Name 'etl bot'");

        PSObject client = result.Single(ClientType);
        string clientId = client.Prop<string>("ClientId")!;
        Assert.Equal("etl bot", client.Prop<string>("Name"));
        Assert.Equal("web", client.Prop<string>("AppType"));
        Assert.Equal(new[] { "client_credentials" }, client.Prop<string[]>("GrantTypes"));
        Assert.Equal(new[] { "user_default" }, client.Prop<string[]>("Scopes"));
        Assert.Equal(new[] { "client_secret" }, client.Prop<string[]>("AuthenticationMethods"));
        Assert.Equal("required", client.Prop<string>("ConsentMethod"));
        Assert.IsType<SecureString>(client.Prop<SecureString>("ClientSecret"));
        Assert.Equal(clientId, client.Prop<PSCredential>("Credential")!.UserName);
        Assert.Single(client.Prop<string[]>("SecretHints")!);
        Assert.Equal(EmulatorDefaults.TenantId, client.Prop<string>("TenantId"));
        Assert.NotNull(client.Prop<DateTimeOffset?>("CreatedAt"));
        Assert.Equal("QlikOAuth.QlikSessionReference", client.Prop<object>("Session")!.GetType().FullName);
        Assert.Equal($"etl bot ({clientId})", client.ToString());
        Assert.NotNull(await TenantClientAsync(clientId));
    }

    [Fact]
    public async Task TrustedCreatesTheClientWithConsentTrustedInTheSameRequest()
    {
        RunResult result = Run("New-QlikOAuthClient -Name bot -Trusted");

        PSObject client = result.Single(ClientType);
        Assert.Equal("trusted", client.Prop<string>("ConsentMethod"));
        Assert.Equal("trusted", await TenantConsentAsync(client.Prop<string>("ClientId")!));
        Assert.DoesNotContain(RequestsAfterConnect(), request => request.Method == "PATCH");
        Assert.Contains("\"connectionConfig\":{\"consentMethod\":\"trusted\"}", RequestsAfterConnect().Single(request => request.Method == "POST").Body);
    }

    [Fact]
    public void EveryDescriptiveParameterReachesTheTenant()
    {
        RunResult result = Run(
            "New-QlikOAuthClient -Name portal -Description 'for the portal' -Scope user_default, offline_access " +
            "-AllowedOrigin https://custom-app.com -RedirectUri https://custom-app.com/callback " +
            "-ClientUri https://custom-app.com -LogoUri https://custom-app.com/logo.png " +
            "-GrantType ClientCredentials, urn:qlik:oauth:user-impersonation -AuthenticationMethod client_secret");

        PSObject client = result.Single(ClientType);
        Assert.Equal("for the portal", client.Prop<string>("Description"));
        Assert.Equal(new[] { "user_default", "offline_access" }, client.Prop<string[]>("Scopes"));
        Assert.Equal(new[] { "https://custom-app.com" }, client.Prop<string[]>("AllowedOrigins"));
        Assert.Equal(new[] { "https://custom-app.com/callback" }, client.Prop<string[]>("RedirectUris"));
        Assert.Equal("https://custom-app.com", client.Prop<string>("ClientUri"));
        Assert.Equal("https://custom-app.com/logo.png", client.Prop<string>("LogoUri"));
        Assert.Equal(new[] { "client_credentials", "urn:qlik:oauth:user-impersonation" }, client.Prop<string[]>("GrantTypes"));
        Assert.Contains("\"description\":\"for the portal\"", client.Prop<string>("RawJson"));
    }

    [Fact]
    public void ImpersonationAloneMakesAnImpersonationOnlyClient()
    {
        RunResult result = Run("New-QlikOAuthClient -Name imp -Impersonation -AllowedOrigin https://custom-app.com");

        Assert.Equal(new[] { "urn:qlik:oauth:user-impersonation" }, result.Single(ClientType).Prop<string[]>("GrantTypes"));
    }

    [Fact]
    public void APublicKeyAsJwkTextHashtableOrPemFileIsRegistered()
    {
        string pemPath = Path.Combine(TempDir, "public.pem");
        using (var rsa = System.Security.Cryptography.RSA.Create(2048))
        {
            File.WriteAllText(pemPath, rsa.ExportSubjectPublicKeyInfoPem());
        }

        Shell.SetVariable("Jwk", EcJwkMembers("from-hashtable"));

        RunResult result = Run(
            $"$key = New-QlikOAuthKey -Path '{TempDir}/k.pem' -Algorithm ES384 -KeyId from-json\n" +
            "New-QlikOAuthClient -Name json -PublicKey $key.PublicKey\n" +
            "New-QlikOAuthClient -Name hashtable -PublicKey $Jwk\n" +
            $"New-QlikOAuthClient -Name pem -PublicKey '{pemPath}' -KeyId from-pem -AuthenticationMethod PrivateKeyJwt");

        var clients = result.OutputOfType(ClientType);
        Assert.Equal(new[] { "from-json", "from-hashtable", "from-pem" }, clients.Select(client => Assert.Single(client.Prop<string[]>("PublicKeyIds")!)));
        Assert.Equal(new[] { "from-json", "from-hashtable", "from-pem" }, clients.Select(client => client.Prop<string>("KeyId")));
        Assert.Equal(new[] { "client_secret", "private_key_jwt" }, clients[0].Prop<string[]>("AuthenticationMethods"));
        Assert.Null(clients[2].Prop<PSCredential>("Credential"));
        Assert.Null(clients[2].Prop<SecureString>("ClientSecret"));
    }

    /// <summary>A public JWK as a hashtable, as a user would write one from a key they have.</summary>
    private static System.Collections.Hashtable EcJwkMembers(string kid)
    {
        using var ecdsa = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP384);
        var point = ecdsa.ExportParameters(false).Q;
        static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return new System.Collections.Hashtable { ["kty"] = "EC", ["crv"] = "P-384", ["x"] = B64(point.X!), ["y"] = B64(point.Y!), ["alg"] = "ES384", ["use"] = "sig", ["kid"] = kid };
    }

    [Fact]
    public void APrivateKeyGivenAsPublicKeyIsRefusedBeforeAnyRequest()
    {
        RunResult result = Run($"New-QlikOAuthKey -Path '{TempDir}/k.pem' | Out-Null\nNew-QlikOAuthClient -Name leak -PublicKey '{TempDir}/k.pem'");

        ErrorRecord error = Assert.Single(result.Errors);
        Assert.Equal("PrivateKeyGivenAsPublic,QlikOAuth.Commands.NewQlikOAuthClientCommand", error.FullyQualifiedErrorId);
        Assert.Empty(RequestsAfterConnect());
    }

    [Theory]
    [InlineData("-Name ' '", "ClientNameRequired")]
    [InlineData("-Name x -Description ('d' * 4097)", "DescriptionTooLong")]
    [InlineData("-Name x -AllowedOrigin https://custom-app.com/app", "InvalidAllowedOrigin")]
    [InlineData("-Name x -AllowedOrigin (1..6 | ForEach-Object { \"https://a$_.com\" })", "TooManyAllowedOrigins")]
    [InlineData("-Name x -RedirectUri /callback", "InvalidRedirectUri")]
    [InlineData("-Name x -ClientUri nota-url", "InvalidClientUri")]
    [InlineData("-Name x -Scope 'user_default admin_classic'", "InvalidScope")]
    [InlineData("-Name x -GrantType authorization_code", "UnknownGrantType")]
    [InlineData("-Name x -AuthenticationMethod basic", "UnknownAuthMethod")]
    [InlineData("-Name x -AuthenticationMethod PrivateKeyJwt", "PublicKeyRequired")]
    [InlineData("-Name x -PublicKey 42", "UnsupportedPublicKeyInput")]
    public void InvalidInputIsATerminatingErrorUnderStopAndNothingIsSent(string arguments, string errorId)
    {
        RunResult result = Run($"New-QlikOAuthClient {arguments} -ErrorAction Stop; 'not reached'");

        Assert.NotNull(result.Terminating);
        Assert.Equal($"{errorId},QlikOAuth.Commands.NewQlikOAuthClientCommand", result.Terminating!.ErrorRecord.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, result.Terminating.ErrorRecord.CategoryInfo.Category);
        Assert.Empty(result.Output);
        Assert.Empty(RequestsAfterConnect());
    }

    [Theory]
    [InlineData("-Scope user_defualt", "UnknownScope", "did you mean user_default?")]
    [InlineData("-Scope user_default, admin_clasic", "UnknownScope", "did you mean admin_classic?")]
    [InlineData("-GrantType ClientCredential", "UnknownGrantType", "did you mean ClientCredentials?")]
    [InlineData("-AuthenticationMethod client_secrte", "UnknownAuthMethod", "did you mean client_secret?")]
    public void ATypoIsRefusedWithTheNearestKnownWordAndNothingIsCreated(string arguments, string errorId, string suggestion)
    {
        RunResult result = Run($"New-QlikOAuthClient -Name typo {arguments}");

        ErrorRecord error = Assert.Single(result.Errors);
        Assert.Equal($"{errorId},QlikOAuth.Commands.NewQlikOAuthClientCommand", error.FullyQualifiedErrorId);
        Assert.Contains(suggestion, error.Exception.Message);
        Assert.Empty(result.Output);
        Assert.Empty(RequestsAfterConnect());
    }

    [Fact]
    public async Task AllowUnknownScopeLetsAScopeNewerThanTheModuleThrough()
    {
        RunResult created = Run("New-QlikOAuthClient -Name newer -Scope user_default, automl:read -AllowUnknownScope");
        RunResult changed = RunUnconnected("$c = Get-QlikOAuthClient -Name newer; Set-QlikOAuthClient -ClientId $c.ClientId -Scope automl:deploy -PassThru -ErrorAction SilentlyContinue -ErrorVariable refused; $refused.Count; Set-QlikOAuthClient -ClientId $c.ClientId -Scope automl:deploy -AllowUnknownScope -PassThru");

        string clientId = created.Single(ClientType).Prop<string>("ClientId")!;
        JsonElement tenant = (await TenantClientAsync(clientId))!.Value;
        Assert.Equal(new[] { "automl:deploy" }, tenant.GetProperty("allowedScopes").EnumerateArray().Select(scope => scope.GetString()));
        Assert.Equal(1, changed.Output[0].BaseObject);
        Assert.Equal(new[] { "automl:deploy" }, changed.Output[1].Prop<string[]>("Scopes"));
    }

    [Fact]
    public async Task ADuplicateNameIsRefusedNamingTheExistingClientUnlessAllowed()
    {
        string existing = await ArrangeClientAsync("provisioned");

        RunResult refused = Run("New-QlikOAuthClient -Name provisioned -ErrorAction SilentlyContinue -ErrorVariable failed; $failed");
        RunResult allowed = RunUnconnected("New-QlikOAuthClient -Name provisioned -AllowDuplicateName");

        ErrorRecord error = Assert.IsType<ErrorRecord>(Assert.Single(refused.Output).BaseObject);
        Assert.Equal("ClientNameExists,QlikOAuth.Commands.NewQlikOAuthClientCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
        Assert.Contains(existing, error.Exception.Message);
        Assert.Equal(existing, error.TargetObject);
        Assert.NotEqual(existing, allowed.Single(ClientType).Prop<string>("ClientId"));
        Assert.Equal(2, Emulator.Requests.Count(request => request.Method == "POST" && request.Path == "/api/v1/oauth-clients"));
    }

    [Fact]
    public async Task TheSecretSurvivesAFailureAfterTheClientWasCreated()
    {
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/api/v1/oauth-clients/", Method = "GET", Status = 403 });

        RunResult result = Run("New-QlikOAuthClient -Name survivor -Trusted -ErrorAction SilentlyContinue -ErrorVariable failed; 'next'; $failed.Count");

        PSObject client = result.Output[0];
        Assert.Equal(ClientType, client.BaseObject.GetType().FullName);
        Assert.Equal("next", result.Output[1].BaseObject);
        Assert.Equal(1, result.Output[2].BaseObject);
        Assert.Null(result.Terminating);
        string clientId = client.Prop<string>("ClientId")!;
        Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync(clientId, SecretOf(client)));
        Assert.Contains(Emulator.Requests, request => request.Path.EndsWith("/connection-configs/me") && request.Status == 403);
    }

    [Fact]
    public void TheFollowUpFailureIsNamedAndSaysTheSecretIsInTheOutput()
    {
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/api/v1/oauth-clients/", Method = "GET", Status = 403 });

        RunResult result = Run("New-QlikOAuthClient -Name survivor");

        ErrorRecord error = Assert.Single(result.Errors);
        Assert.Equal("ClientCreatedButIncomplete,QlikOAuth.Commands.NewQlikOAuthClientCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.Contains("with its secret", error.Exception.Message);
        Assert.Single(result.Output);
    }

    [Fact]
    public void WhatIfSendsNothingAndEmitsAPreviewNoRealCallAccepts()
    {
        RunResult result = Run("New-QlikOAuthClient -Name dry -Trusted -WhatIf");
        RunResult misuse = RunUnconnected("New-QlikOAuthClient -Name dry -WhatIf | Remove-QlikOAuthClient -Force");

        PSObject preview = result.Single(ClientType);
        Assert.Equal(("(not created: dry)", "dry", "trusted"), (preview.Prop<string>("ClientId"), preview.Prop<string>("Name"), preview.Prop<string>("ConsentMethod")));
        Assert.Null(preview.Prop<object>("Credential"));
        Assert.Empty(result.Errors);
        Assert.StartsWith("InvalidClientId,", Assert.Single(misuse.Errors).FullyQualifiedErrorId);
        Assert.Empty(RequestsAfterConnect());
    }

    [Fact]
    public void PipedRowsBindByPropertyNameAndABadRowDoesNotStopTheNext()
    {
        RunResult result = Run(
            "@([pscustomobject]@{ Name = 'first'; Description = 'one' }, [pscustomobject]@{ Name = ('n' * 600) }, [pscustomobject]@{ Name = 'third' }) | New-QlikOAuthClient");

        var clients = result.Output.Select(item => item.Prop<string>("Name")).ToList();
        Assert.Equal(new[] { "first", "third" }, clients);
        Assert.Equal("one", result.Output[0].Prop<string>("Description"));
        Assert.Equal("ClientNameTooLong,QlikOAuth.Commands.NewQlikOAuthClientCommand", Assert.Single(result.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void WithoutASessionTheCommandEndsAndSaysToConnect()
    {
        RunResult result = RunUnconnected("New-QlikOAuthClient -Name orphan; 'next statement'");

        // Statement-terminating: this command ends, the script goes on (and -ErrorAction Stop would end it).
        ErrorRecord error = Assert.Single(result.Errors);
        Assert.Equal("NoSession,QlikOAuth.Commands.NewQlikOAuthClientCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
        Assert.Contains("Connect-QlikTenant", error.Exception.Message);
        Assert.Equal("next statement", Assert.Single(result.Output).BaseObject);
        Assert.Empty(Emulator.Requests);
    }
}
