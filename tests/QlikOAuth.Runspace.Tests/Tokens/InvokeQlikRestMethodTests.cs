using System.Management.Automation;
using QlikCloud.Emulator;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Tokens;

/// <summary>Invoke-QlikRestMethod: JSON in and out as objects, paging, -WhatIf, calling as a token, and the 401 drop.</summary>
public sealed class InvokeQlikRestMethodTests : TokenTestBase
{
    [Fact]
    public void AGetComesBackAsAnObjectWithTheTenantsFields()
    {
        RunResult result = RunConnected("Invoke-QlikRestMethod /api/v1/users/me");

        PSObject me = Assert.Single(result.Output);
        Assert.IsType<PSCustomObject>(me.BaseObject);
        Assert.Equal(EmulatorDefaults.AdminUserId, me.Prop<string>("id"));
        Assert.Equal(new object[] { EmulatorDefaults.TenantAdminRole }, me.Prop<object[]>("roles"));
        AssertNoSecretText(result);
    }

    [Fact]
    public void AllFollowsTheNextLinksAndEmitsTheItems()
    {
        RunResult paged = RunConnected("Invoke-QlikRestMethod '/api/v1/users?limit=2' -All");
        RunResult firstPage = RunConnected("Invoke-QlikRestMethod '/api/v1/users?limit=2'");

        Assert.Empty(paged.Errors);
        Assert.Equal(EmulatorDefaults.CreateUsers().Count, paged.Output.Select(user => user.Prop<string>("id")).Distinct().Count());
        PSObject page = Assert.Single(firstPage.Output);
        Assert.Equal(2, page.Prop<object[]>("data")!.Length);
        Assert.NotNull(page.Prop<PSObject>("links"));
    }

    [Theory]
    [InlineData("@{ appType = 'web'; clientName = 'made by hashtable'; allowedGrantTypes = @('client_credentials'); allowedScopes = @('user_default') }")]
    [InlineData("'{\"appType\":\"web\",\"clientName\":\"made by json\",\"allowedGrantTypes\":[\"client_credentials\"],\"allowedScopes\":[\"user_default\"]}'")]
    [InlineData("[pscustomobject]@{ appType = 'web'; clientName = 'made by object'; allowedGrantTypes = ,'client_credentials'; allowedScopes = [System.Collections.Generic.List[string]]@('user_default') }")]
    public void APostSendsTheBodyAsJson(string body)
    {
        RunResult result = RunConnected($"Invoke-QlikRestMethod /api/v1/oauth-clients -Method POST -Body ({body}) -Confirm:$false");

        PSObject created = Assert.Single(result.Output);
        Assert.False(string.IsNullOrEmpty(created.Prop<string>("clientId")));
        Assert.Equal(201, Assert.Single(RequestsAfterConnect()).Status);
        Secrets.Add(created.Prop<string>("clientSecret")!);
    }

    [Fact]
    public void WhatIfSendsNothingButAGetStillRuns()
    {
        RunResult result = RunConnected("Invoke-QlikRestMethod /api/v1/oauth-clients -Method DELETE -WhatIf; Invoke-QlikRestMethod /api/v1/users/me -WhatIf");

        Assert.Single(result.Output);
        Assert.Equal("GET", Assert.Single(RequestsAfterConnect()).Method);
    }

    [Fact]
    public async Task AccessTokenCallsAsTheTokenAndA401DropsItFromTheCache()
    {
        string clientId = await ArrangeClientAsync();
        RunResult first = RunConnected(
            "$t = Get-QlikAccessToken -Credential $Client; Invoke-QlikRestMethod /api/v1/users/me -AccessToken $t; " +
            "Invoke-QlikRestMethod /api/v1/users/me -AccessToken $t.AccessToken");
        Emulator.InvalidateAllTokens();

        RunResult refused = Shell.Run("Invoke-QlikRestMethod /api/v1/users/me -AccessToken $t; Get-QlikAccessToken -Credential $Client");

        Assert.All(first.Output, me => Assert.Equal($@"qlikbot\{clientId}", me.Prop<string>("subject")));
        Assert.Equal(2, first.Output.Count);
        ErrorRecord error = Assert.Single(refused.Errors);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Equal(TokenType, Assert.Single(refused.Output).BaseObject.GetType().FullName);
        Assert.Equal(2, TokenRequests);
        AssertNoSecretText(refused);
    }

    [Fact]
    public async Task APipedTokenIsTheCredentialOfTheCall()
    {
        await ArrangeClientAsync();

        RunResult result = RunConnected(
            $"$t = Get-QlikImpersonationToken -Credential $Client -Subject '{EmulatorDefaults.BobSubject}'; " +
            "$t | Invoke-QlikRestMethod -Path /api/v1/users/me; Invoke-QlikRestMethod -Path /api/v1/users/me");

        Assert.Empty(result.Errors);
        Assert.Equal([EmulatorDefaults.BobId, EmulatorDefaults.AdminUserId], result.Output.Select(me => me.Prop<string>("id")));
        AssertNoSecretText(result);
    }

    [Fact]
    public async Task APipedTokenWithASessionOfAnotherTenantIsRefusedNotSentToEither()
    {
        await ArrangeClientAsync();
        await using TenantEmulator other = await TenantEmulator.StartAsync();
        Shell.SetVariable("OtherUrl", other.BaseUrl.ToString());
        Shell.SetVariable("OtherKey", Secure(other.AdminApiKey));

        RunResult result = RunConnected(
            $"$t = Get-QlikImpersonationToken -Credential $Client -Subject '{EmulatorDefaults.BobSubject}'; " +
            "$s = Connect-QlikTenant -TenantUrl $OtherUrl -ApiKey $OtherKey -NoDefault; $t | Invoke-QlikRestMethod -Path /api/v1/users/me -Session $s");

        Assert.StartsWith("TokenTenantMismatch,", TheError(result).FullyQualifiedErrorId);
        Assert.DoesNotContain(result.Output, item => item.Properties["id"] != null);
        Assert.Single(other.Requests, request => request.Path == "/api/v1/users/me");
        Assert.DoesNotContain(RequestsAfterConnect(), request => request.Path == "/api/v1/users/me");
    }

    [Fact]
    public void APipedObjectWithAPathStillBindsThePathAndUsesTheSession()
    {
        RunResult result = RunConnected("[pscustomobject]@{ Path = '/api/v1/users/me' } | Invoke-QlikRestMethod");

        Assert.Empty(result.Errors);
        Assert.Equal(EmulatorDefaults.AdminUserId, Assert.Single(result.Output).Prop<string>("id"));
    }

    [Fact]
    public async Task DebugTracesEachExchangeWithoutAnySecret()
    {
        await ArrangeClientAsync();
        Shell.Run(ConnectScript).AssertNoErrors();
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/api/v1/users", Method = "GET", Status = 429, RetryAfterSeconds = 1 });

        RunResult result = Shell.Run(
            "Invoke-QlikRestMethod '/api/v1/users?limit=1&access_token=query-secret-value' -Debug | Out-Null; " +
            "Get-QlikAccessToken -Credential $Client -Debug | Invoke-QlikRestMethod -Path /api/v1/users/me -Debug | Out-Null");

        string[] trace = [.. result.Debug.Select(record => record.Message).Where(message => message.StartsWith("HTTP ", StringComparison.Ordinal))];
        Assert.Contains(trace, line => line.Contains("/api/v1/users?limit=1&access_token=*** -> 429", StringComparison.Ordinal) && line.Contains("Retry-After: 1", StringComparison.Ordinal));
        Assert.Contains(trace, line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^HTTP GET http://[^ ]+/api/v1/users\?limit=1&access_token=\*\*\* -> 200 OK in \d+ ms"));
        Assert.Contains(trace, line => line.StartsWith("HTTP POST ", StringComparison.Ordinal) && line.Contains("/oauth/token -> 200", StringComparison.Ordinal));
        Assert.Contains(trace, line => line.Contains("/api/v1/users/me -> 200", StringComparison.Ordinal));
        Assert.DoesNotContain("query-secret-value", result.AllText());
        Assert.DoesNotContain("Bearer", string.Join("\n", trace));
        AssertNoSecretText(result);
    }

    [Fact]
    public void APlainTextTokenIsRefused()
    {
        RunResult result = RunConnected("Invoke-QlikRestMethod /api/v1/users/me -AccessToken 'plain-text-token'");

        Assert.StartsWith("InvalidAccessToken,", TheError(result).FullyQualifiedErrorId);
        Assert.Empty(RequestsAfterConnect());
    }

    [Fact]
    public void ATenantErrorIsANonTerminatingErrorWithItsCategory()
    {
        RunResult result = RunConnected("Invoke-QlikRestMethod /api/v1/oauth-clients/0000000000000000000000000000dead; 'went on'");

        ErrorRecord error = Assert.Single(result.Errors);
        Assert.StartsWith("QlikApi.NotFound,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("went on", Assert.Single(result.Output).BaseObject);
        Assert.DoesNotContain("Qlik support", error.ErrorDetails?.RecommendedAction ?? string.Empty);
    }

    [Fact]
    public void OnlyAServerFailureSaysToQuoteTheTraceIdToQlikSupport()
    {
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/api/v1/users/me", Status = 500, Count = 20 });

        RunResult result = Shell.Run($"{ConnectScript} -ErrorAction SilentlyContinue -ErrorVariable failed | Out-Null; $failed");

        ErrorRecord error = Assert.IsType<ErrorRecord>(Assert.Single(result.Output).BaseObject);
        Assert.StartsWith("QlikApi.ServiceUnavailable,", error.FullyQualifiedErrorId);
        Assert.Matches("^Quote traceId [0-9a-f]+ to Qlik support", error.ErrorDetails.RecommendedAction);
    }
}
