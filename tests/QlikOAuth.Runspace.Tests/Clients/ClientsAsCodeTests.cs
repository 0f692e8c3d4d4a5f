using System.Management.Automation;
using QlikCloud.Emulator;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Clients;

/// <summary>
/// Clients as code across two emulated tenants: $dev (this test's tenant) and $prod (a second one). A copy through the
/// pipeline, an export/import/export round trip, and a sync whose second run writes nothing.
/// </summary>
public sealed class ClientsAsCodeTests : ClientTestBase, IAsyncLifetime
{
    private const string Connect = "$dev = Connect-QlikTenant -TenantUrl $TenantUrl -ApiKey $ApiKey -NoDefault\n$prod = Connect-QlikTenant -TenantUrl $ProdUrl -ApiKey $ApiKey -NoDefault\n";

    // A client with every field this module carries: two grants, two scopes, origins, redirect URI, URIs, a key, trusted.
    private const string Embedded =
        "$key = New-QlikOAuthKey -Path \"$Dir/embed.pem\" -KeyId embed-key\n" +
        "$src = $key | New-QlikOAuthClient -Session $dev -Name 'Embedded analytics' -Description 'Custom app' -GrantType ClientCredentials, UserImpersonation " +
        "-Scope user_default, admin_classic -AllowedOrigin https://custom-app.com, https://b.custom-app.com -RedirectUri https://custom-app.com/cb " +
        "-ClientUri https://custom-app.com -LogoUri https://custom-app.com/logo.png -Trusted\n";

    private const string Reporting = "$null = New-QlikOAuthClient -Session $dev -Name 'Reporting automation' -Scope user_default -JwksUri https://keys.example.com/jwks.json -AuthenticationMethod PrivateKeyJwt\n";

    private TenantEmulator _prod = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        _prod = await TenantEmulator.StartAsync(new EmulatorOptions { EnableTestControls = true });
        Shell.SetVariable("ProdUrl", _prod.BaseUrl.ToString());
        Shell.SetVariable("Dir", TempDir);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await _prod.DisposeAsync();
        await DisposeAsync();
    }

    private RunResult RunBoth(string script) => RunUnconnected(Connect + script);

    private IEnumerable<RecordedRequest> ProdWrites => _prod.Requests.Where(request => request.Method != "GET");

    [Fact]
    public void ACopyThroughThePipelineMatchesItsSourceFieldByField()
    {
        RunResult result = RunBoth(Embedded +
            "$copy = Get-QlikOAuthClient -Session $dev -Name 'Embedded analytics' | New-QlikOAuthClient -Session $prod\n" +
            "$source = Get-QlikOAuthClient -Session $dev -Name 'Embedded analytics'\n" +
            "$fresh = Get-QlikOAuthClient -Session $prod -ClientId $copy.ClientId\n" +
            "$source, $fresh, $copy");

        result.AssertNoErrors();
        PSObject source = result.Output[0], copy = result.Output[1], created = result.Output[2];
        foreach (string text in new[] { "Name", "Description", "AppType", "ClientUri", "LogoUri", "ConsentMethod", "JwksUri" })
        {
            Assert.Equal(source.Prop<string>(text), copy.Prop<string>(text));
        }

        foreach (string list in new[] { "GrantTypes", "Scopes", "AuthenticationMethods", "AllowedOrigins", "RedirectUris", "PublicKeyIds" })
        {
            Assert.Equal(source.Prop<string[]>(list)!.Order(), copy.Prop<string[]>(list)!.Order());
        }

        Assert.Equal("trusted", copy.Prop<string>("ConsentMethod"));
        Assert.Equal(2, copy.Prop<string[]>("GrantTypes")!.Length);
        Assert.Equal(["embed-key"], copy.Prop<string[]>("PublicKeyIds")!);
        Assert.Equal(Jwks(source), Jwks(copy));
        Assert.NotEqual(source.Prop<string>("ClientId"), copy.Prop<string>("ClientId"));
        Assert.NotNull(created.Prop<PSCredential>("Credential"));
        Assert.Equal("embed-key", created.Prop<string>("KeyId"));
        Assert.Single(_prod.Requests, request => request.Method == "POST" && request.Path == "/api/v1/oauth-clients");
        Assert.Single(Emulator.Requests, request => request.Method == "POST" && request.Path == "/api/v1/oauth-clients");
    }

    [Fact]
    public void ExportImportExportAcrossTwoTenantsIsByteIdenticalExceptIds()
    {
        RunResult result = RunBoth(Embedded + Reporting +
            "Export-QlikOAuthClient -Session $dev -Path \"$Dir/dev\" -IncludeId | Out-Null\n" +
            "Import-QlikOAuthClient -Session $prod -Path \"$Dir/dev/*.json\" | Out-Null\n" +
            "Export-QlikOAuthClient -Session $prod -Path \"$Dir/prod\" -IncludeId | Out-Null\n" +
            "Export-QlikOAuthClient -Session $dev | Out-Null");

        result.AssertNoErrors();
        string[] devFiles = Directory.GetFiles(Path.Combine(TempDir, "dev")).Select(Path.GetFileName).Order().ToArray()!;
        Assert.Equal(["embedded-analytics.json", "reporting-automation.json"], devFiles);
        foreach (string file in devFiles)
        {
            string dev = File.ReadAllText(Path.Combine(TempDir, "dev", file)), prod = File.ReadAllText(Path.Combine(TempDir, "prod", file));
            Assert.NotEqual(dev, prod);
            Assert.Equal(WithoutId(dev), WithoutId(prod));
            Assert.Contains("\"clientId\": \"", dev);
        }
    }

    [Fact]
    public void WithoutIdsTheTwoExportsAreTheSameText()
    {
        RunResult result = RunBoth(Embedded + Reporting +
            "Export-QlikOAuthClient -Session $dev | Import-QlikOAuthClient -Session $prod | Out-Null\n" +
            "((Export-QlikOAuthClient -Session $dev) -join ''), ((Export-QlikOAuthClient -Session $prod) -join '')");

        result.AssertNoErrors();
        Assert.Equal(2, result.Output.Count);
        Assert.Equal(result.Output[0].ToString(), result.Output[1].ToString());
        Assert.Contains("\"jwksUri\": \"https://keys.example.com/jwks.json\"", result.Output[0].ToString());
    }

    [Fact]
    public void SyncCreatesThenUpdatesOnlyWhatDriftedThenWritesNothing()
    {
        RunResult first = RunBoth(Embedded + Reporting +
            "Export-QlikOAuthClient -Session $dev -Path \"$Dir/clients\" | Out-Null\n" +
            "Sync-QlikOAuthClient -Session $prod -Path \"$Dir/clients/*.json\"");
        first.AssertNoErrors();
        Assert.Equal(["Created", "Created"], first.Output.Select(item => item.Prop<string>("Action")));
        Assert.NotNull(first.Output[0].Prop<PSCredential>("Credential"));
        Assert.Null(first.Output[1].Prop<PSCredential>("Credential"));

        RunResult drifted = RunBoth(
            "Get-QlikOAuthClient -Session $prod -Name 'Embedded analytics' | Set-QlikOAuthClient -Description 'changed by hand' -Scope user_default\n" +
            "Get-QlikOAuthClient -Session $prod -Name 'Embedded analytics' | Set-QlikOAuthConsent -Method Required -Confirm:$false\n" +
            "Sync-QlikOAuthClient -Session $prod -Path \"$Dir/clients/*.json\"");
        drifted.AssertNoErrors();
        PSObject updated = Assert.Single(drifted.Output, item => item.Prop<string>("Action") == "Updated");
        Assert.Equal(
            ["description: changed by hand -> Custom app", "allowedScopes: user_default -> admin_classic, user_default", "consentMethod: required -> trusted"],
            updated.Prop<string[]>("Changes")!);
        Assert.Equal("Unchanged", drifted.Output.Single(item => item.Prop<string>("Name") == "Reporting automation").Prop<string>("Action"));

        _prod.ClearRequests();
        RunResult second = RunBoth("Sync-QlikOAuthClient -Session $prod -Path \"$Dir/clients/*.json\"");

        second.AssertNoErrors();
        Assert.Equal(["Unchanged", "Unchanged"], second.Output.Select(item => item.Prop<string>("Action")));
        Assert.Empty(ProdWrites);
        Assert.NotEmpty(_prod.Requests);
    }

    [Fact]
    public void SyncWhatIfShowsThePlanWithoutWritingAndPruneForceRemovesWhatNoDefinitionNames()
    {
        RunBoth(Embedded + Reporting +
            "Export-QlikOAuthClient -Session $dev -Name Embedded* -Path \"$Dir/clients\" | Out-Null\n" +
            "Set-QlikOAuthClient -Session $dev -ClientId $src.ClientId -Description drifted").AssertNoErrors();
        Emulator.ClearRequests();

        RunResult plan = RunBoth("Sync-QlikOAuthClient -Session $dev -Path \"$Dir/clients/*.json\" -Prune -WhatIf");

        plan.AssertNoErrors();
        Assert.Equal(
            [("Updated", "Embedded analytics", false), ("Removed", "Reporting automation", false)],
            plan.Output.Select(item => (item.Prop<string>("Action"), item.Prop<string>("Name"), item.Prop<bool>("Applied"))));
        Assert.Equal(["description: drifted -> Custom app"], plan.Output[0].Prop<string[]>("Changes")!);
        Assert.DoesNotContain(Emulator.Requests, request => request.Method != "GET");

        RunResult pruned = RunBoth("Sync-QlikOAuthClient -Session $dev -Path \"$Dir/clients/*.json\" -Prune -Force\n(Get-QlikOAuthClient -Session $dev).Name");

        pruned.AssertNoErrors();
        Assert.Equal([true, true], pruned.Output.Take(2).Select(item => item.Prop<bool>("Applied")));
        Assert.Equal("Embedded analytics", pruned.Output[2].ToString());
        Assert.Equal(3, pruned.Output.Count);
    }

    [Fact]
    public async Task ASecretAnUpdateMakesComesOutOnTheResult()
    {
        RunBoth(Reporting + "Export-QlikOAuthClient -Session $dev -Path \"$Dir/clients\" | Out-Null").AssertNoErrors();
        string file = Path.Combine(TempDir, "clients", "reporting-automation.json");
        File.WriteAllText(file, File.ReadAllText(file)
            .Replace("\"private_key_jwt\"", "\"client_secret\",\n    \"private_key_jwt\"", StringComparison.Ordinal)
            .Replace("\"required\"", "\"trusted\"", StringComparison.Ordinal));

        RunResult result = RunBoth("Sync-QlikOAuthClient -Session $dev -Path \"$Dir/clients/*.json\" -Prune -Force");

        result.AssertNoErrors();
        PSObject updated = Assert.Single(result.Output);
        Assert.Equal("Updated", updated.Prop<string>("Action"));
        Assert.Equal(["allowedAuthMethods: private_key_jwt -> client_secret, private_key_jwt", "consentMethod: required -> trusted"], updated.Prop<string[]>("Changes")!);
        Assert.Equal(System.Net.HttpStatusCode.OK, await TokenStatusAsync(updated.Prop<string>("ClientId")!, SecretOf(updated)));
    }

    [Fact]
    public void PruningWithoutForceIsConfirmedBeforeAnyWrite()
    {
        RunBoth(Reporting + "New-QlikOAuthClient -Session $dev -Name stray | Out-Null").AssertNoErrors();
        File.WriteAllText(Path.Combine(TempDir, "new.json"), "{\"schemaVersion\":1,\"clientName\":\"new\",\"allowedAuthMethods\":[\"client_secret\"],\"allowedGrantTypes\":[\"client_credentials\"],\"allowedScopes\":[\"user_default\"]}");
        Emulator.ClearRequests();

        // This runspace has no host to ask: the sync stops at the question, before its create.
        RunResult result = RunBoth("Sync-QlikOAuthClient -Session $dev -Path \"$Dir/new.json\" -Prune");

        result.AssertStoppedAtPrompt();
        Assert.Empty(result.Output);
        Assert.DoesNotContain(Emulator.Requests, request => request.Method != "GET");
    }

    [Fact]
    public void SettingFromAnotherClientPatchesOnlyTheDifferenceAndASecondTimeNothing()
    {
        RunBoth(Embedded + "$target = New-QlikOAuthClient -Session $prod -Name 'Embedded analytics' -Scope user_default").AssertNoErrors();
        _prod.ClearRequests();

        RunResult result = RunBoth("Get-QlikOAuthClient -Session $dev -Name 'Embedded analytics' | Set-QlikOAuthClient -Session $prod -ClientId $target.ClientId -PassThru");
        int patchesAfterFirst = _prod.Requests.Count(request => request.Method == "PATCH" && request.Path == $"/api/v1/oauth-clients/{result.Output.Single().Prop<string>("ClientId")}");
        _prod.ClearRequests();
        RunResult again = RunBoth("Get-QlikOAuthClient -Session $dev -Name 'Embedded analytics' | Set-QlikOAuthClient -Session $prod -ClientId $target.ClientId -Verbose");

        result.AssertNoErrors();
        PSObject copy = result.Output.Single();
        Assert.Equal("trusted", copy.Prop<string>("ConsentMethod"));
        Assert.Equal(["embed-key"], copy.Prop<string[]>("PublicKeyIds")!);
        Assert.Equal(2, copy.Prop<string[]>("AllowedOrigins")!.Length);
        Assert.Equal(1, patchesAfterFirst);
        again.AssertNoErrors();
        Assert.Empty(ProdWrites);
        Assert.Contains(again.Verbose, record => record.Message.Contains("already as asked", StringComparison.Ordinal));
    }

    [Fact]
    public void ImportRefusesAnInvalidDefinitionNamingTheFileAndMemberAndCreatesNothing()
    {
        File.WriteAllText(Path.Combine(TempDir, "bad.json"), "{\"schemaVersion\":1,\"clientName\":\"bad\",\"scope\":[\"user_default\"]}");

        RunResult result = RunBoth("Import-QlikOAuthClient -Session $prod -Path \"$Dir/bad.json\"");

        ErrorRecord error = Assert.Single(result.Errors);
        Assert.StartsWith("DefinitionInvalid,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("bad.json: member 'scope'", error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(ProdWrites);
    }

    [Fact]
    public void ImportKeepsTheDuplicateNameRuleOfNew()
    {
        RunResult result = RunBoth(Reporting + "Export-QlikOAuthClient -Session $dev | Import-QlikOAuthClient -Session $dev");

        Assert.StartsWith("ClientNameExists,", Assert.Single(result.Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
    }

    [Fact]
    public void ASyncThatCannotReadADefinitionWritesNothing()
    {
        File.WriteAllText(Path.Combine(TempDir, "bad.json"), "{\"schemaVersion\":2,\"clientName\":\"bad\"}");
        File.WriteAllText(Path.Combine(TempDir, "good.json"), "{\"schemaVersion\":1,\"clientName\":\"good\",\"allowedAuthMethods\":[\"client_secret\"],\"allowedGrantTypes\":[\"client_credentials\"],\"allowedScopes\":[\"user_default\"]}");

        RunResult result = RunBoth("Sync-QlikOAuthClient -Session $prod -Path \"$Dir/*.json\"");

        Assert.Equal(
            ["DefinitionSchemaUnsupported", "SyncStoppedByDefinitionError"],
            result.Errors.Select(error => error.FullyQualifiedErrorId.Split(',')[0]));
        Assert.Empty(result.Output);
        Assert.DoesNotContain(_prod.Requests, request => request.Path.StartsWith("/api/v1/oauth-clients", StringComparison.Ordinal));
    }

    [Fact]
    public void TwoClientsThatExportToOneFileAreAnErrorAndTheFirstFileIsKept()
    {
        RunResult result = RunBoth(
            "$a = New-QlikOAuthClient -Session $dev -Name 'etl job'\n$b = New-QlikOAuthClient -Session $dev -Name 'ETL-job'\n" +
            "Export-QlikOAuthClient -Session $dev -Path \"$Dir/out\" | ForEach-Object Name");

        ErrorRecord error = Assert.Single(result.Errors);
        Assert.StartsWith("DefinitionNameClash,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(["etl-job.json"], result.Output.Select(item => item.ToString()));
        Assert.Contains("\"clientName\": \"ETL-job\"", File.ReadAllText(Path.Combine(TempDir, "out", "etl-job.json")));
    }

    private static IEnumerable<string?> Jwks(PSObject client) =>
        ((Array)client.Prop<object>("PublicKeys")!).Cast<object>().Select(key => PSObject.AsPSObject(key).Prop<string>("Jwk"));

    private static string WithoutId(string definition) =>
        string.Join("\n", definition.Split('\n').Where(line => !line.StartsWith("  \"clientId\": ", StringComparison.Ordinal)));
}
