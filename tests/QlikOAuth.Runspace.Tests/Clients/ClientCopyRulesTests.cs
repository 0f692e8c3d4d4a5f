using System.Management.Automation;
using QlikCloud.Emulator;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Clients;

/// <summary>What a piped object carries into New- and Set-QlikOAuthClient, and what it may not: nothing is created from an unfaithful copy.</summary>
public sealed class ClientCopyRulesTests : ClientTestBase
{
    private IEnumerable<RecordedRequest> Writes => RequestsAfterConnect().Where(request => request.Method != "GET");

    [Fact]
    public void AClientOfAnotherAppTypeIsCopiedAsItsType()
    {
        RunResult result = Run("[pscustomobject]@{ Name = 'spa app'; AppType = 'spa'; Scopes = @('user_default'); RedirectUris = @('http://localhost:5173/cb') } | New-QlikOAuthClient");

        result.AssertNoErrors();
        PSObject copy = Assert.Single(result.Output);
        Assert.Equal("spa", copy.Prop<string>("AppType"));
        Assert.Null(copy.Properties["ClientSecret"]?.Value);
    }

    [Fact]
    public void AnAppTypeThisModuleDoesNotKnowIsRefusedAndNothingIsCreated()
    {
        RunResult result = Run("[pscustomobject]@{ Name = 'future app'; AppType = 'hologram'; Scopes = @('user_default') } | New-QlikOAuthClient");

        Assert.StartsWith("UnknownAppType,", Assert.Single(result.Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Empty(RequestsAfterConnect());
    }

    [Fact]
    public void AKeyTheModuleCouldNotReadIsRefusedInsteadOfDropped()
    {
        RunResult result = Run(
            $"$k = New-QlikOAuthKey -Path '{TempDir}/k.pem' -KeyId readable\n" +
            "[pscustomobject]@{ Name = 'two keys'; AppType = 'web'; PublicKeyIds = @('readable', 'future-key'); PublicKeys = @($k.PublicKey) } | New-QlikOAuthClient");

        ErrorRecord error = Assert.Single(result.Errors);
        Assert.StartsWith("UnreadablePublicKey,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("registers 2 public keys, of which this module can read 1", error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(RequestsAfterConnect());
    }

    [Fact]
    public void KeysGivenOnTheCommandLineReplaceThePipedOnesWithoutTheCarriedKeyCheck()
    {
        RunResult result = Run(
            $"$k = New-QlikOAuthKey -Path '{TempDir}/k.pem' -KeyId chosen\n" +
            "[pscustomobject]@{ Name = 'rekeyed'; AppType = 'web'; PublicKeyIds = @('a', 'b'); PublicKeys = @() } | New-QlikOAuthClient -PublicKey $k");

        result.AssertNoErrors();
        Assert.Equal(["chosen"], result.Single(ClientType).Prop<string[]>("PublicKeyIds")!);
    }

    [Fact]
    public void APipedConsentMethodMakesTheCopyTrustedAndAnExplicitSessionWins()
    {
        RunResult result = Run(
            "$other = Connect-QlikTenant -TenantUrl $TenantUrl -ApiKey $ApiKey -NoDefault\n" +
            "[pscustomobject]@{ Name = 'copy'; ConsentMethod = 'trusted'; Scopes = @('user_default'); Session = $null } | New-QlikOAuthClient -Session $other");

        result.AssertNoErrors();
        Assert.Equal("trusted", result.Single(ClientType).Prop<string>("ConsentMethod"));
    }

    [Fact]
    public async Task JwksUriRegistersKeysByUrlOnNewAndIsRemovedOnSet()
    {
        RunResult result = Run(
            "$c = New-QlikOAuthClient -Name byurl -JwksUri https://keys.example.com/jwks.json -AuthenticationMethod PrivateKeyJwt\n$c\n" +
            $"$k = New-QlikOAuthKey -Path '{TempDir}/k.pem' -KeyId inline\n" +
            "$c | Set-QlikOAuthClient -JwksUri '' -PublicKey $k -PassThru");

        result.AssertNoErrors();
        Assert.Equal("https://keys.example.com/jwks.json", result.Output[0].Prop<string>("JwksUri"));
        PSObject changed = result.Output[1];
        Assert.Null(changed.Prop<string>("JwksUri"));
        Assert.Equal(["inline"], changed.Prop<string[]>("PublicKeyIds")!);
        var patch = Assert.Single(Writes, request => request.Method == "PATCH");
        Assert.Contains("{\"op\":\"remove\",\"path\":\"/jwksUri\"}", patch.Body);
        Assert.Null((await TenantClientAsync(changed.Prop<string>("ClientId")!))!.Value.TryGetProperty("jwksUri", out _) ? "present" : null);
    }

    [Fact]
    public void InlineKeysAndAJwksUriTogetherAreRefusedBeforeAnyRequest()
    {
        RunResult result = Run($"New-QlikOAuthKey -Path '{TempDir}/k.pem' | New-QlikOAuthClient -Name both -JwksUri https://keys.example.com/jwks.json");

        Assert.StartsWith("JwksUriWithPublicKeys,", Assert.Single(result.Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Empty(Writes);
    }

    [Fact]
    public async Task APipedClientWithAScopeNewerThanTheModuleCanStillBeChanged()
    {
        EmulatorRest.Client client = await EmulatorRest.CreateClientAsync(Emulator, new System.Text.Json.Nodes.JsonObject
        {
            ["appType"] = "web",
            ["clientName"] = "newer scope",
            ["allowedGrantTypes"] = new System.Text.Json.Nodes.JsonArray("client_credentials"),
            ["allowedScopes"] = new System.Text.Json.Nodes.JsonArray("user_default", "future.scope"),
        });

        RunResult result = Run($"Get-QlikOAuthClient -ClientId {client.ClientId} | Set-QlikOAuthClient -Description described");

        result.AssertNoErrors();
        RecordedRequest patch = Assert.Single(Writes);
        Assert.Equal("[{\"op\":\"replace\",\"path\":\"/description\",\"value\":\"described\"}]", patch.Body);
    }

    [Fact]
    public async Task SetConsentMethodChangesOnlyTheConsent()
    {
        string clientId = await ArrangeClientAsync("consent");

        RunResult result = Run($"Set-QlikOAuthClient -ClientId {clientId} -ConsentMethod Trusted");

        result.AssertNoErrors();
        Assert.Equal("trusted", await TenantConsentAsync(clientId));
        Assert.Equal([$"/api/v1/oauth-clients/{clientId}/connection-configs/me"], Writes.Select(request => request.Path));
    }
}

/// <summary>A tenant that does not apply connectionConfig at create: -Trusted takes the consent call, and the output is the state after it.</summary>
public sealed class NewTrustedClientConsentCallTests : ClientTestBase
{
    protected override void Configure(EmulatorOptions options) => options.IgnoreConsentAtCreate = true;

    [Fact]
    public async Task TheOutputIsTheTenantsStateAfterTheConsentCall()
    {
        RunResult result = Run("New-QlikOAuthClient -Name late -Trusted");

        result.AssertNoErrors();
        PSObject client = result.Single(ClientType);
        string clientId = client.Prop<string>("ClientId")!;
        Assert.Contains("\"consentMethod\":\"trusted\"", client.Prop<string>("RawJson"), StringComparison.Ordinal);
        System.Text.Json.JsonElement tenant = (await TenantClientAsync(clientId))!.Value;
        Assert.Equal(DateTimeOffset.Parse(tenant.GetProperty("updatedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture), client.Prop<DateTimeOffset?>("UpdatedAt"));
        Assert.NotNull(client.Prop<PSCredential>("Credential"));
    }
}
