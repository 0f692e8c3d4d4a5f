using System.Management.Automation;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using QlikCloud.Emulator;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Faults;

/// <summary>
/// Issue 11's fault matrix: every tenant-facing cmdlet (rows, <see cref="FaultMatrixRows"/>) against every fault the
/// emulator injects (columns, <see cref="FaultKinds"/>), in the built module, on a session whose requests time out
/// after one second. Each cell checks the rules of the issue: reads succeed after transient faults; creates are never
/// repeated or duplicated, and a lost answer names the client and how to check; a secret the tenant showed reaches
/// the user; every error carries the module's id and no stack trace; and the session answers the next call within
/// a second.
/// </summary>
public sealed class FaultMatrixTests : TenantTestBase
{
    private static readonly TimeSpan NextCallLimit = TimeSpan.FromSeconds(1);

    public static IEnumerable<object[]> Cells() =>
        from row in FaultMatrixRows.All
        from kind in FaultKinds.All
        select new object[] { row.Name, kind };

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Cell(string rowName, string faultKind)
    {
        FaultMatrixRow row = FaultMatrixRows.All.Single(candidate => candidate.Name == rowName);
        string clientId = await ArrangeAsync();
        if (!row.Connects)
        {
            Shell.Run($"{ConnectScript} -TimeoutSec {FaultKinds.TimeoutSec} | Out-Null").AssertNoErrors();
        }

        SetUp(row);
        IReadOnlyList<string> hintsBefore = await HintsAsync(clientId);
        Emulator.ClearRequests();
        Emulator.InjectFault(FaultKinds.For(faultKind, row.FaultPath.Replace("{id}", clientId, StringComparison.Ordinal), row.FaultMethod));
        RunResult result = Shell.Run(row.Script);
        IReadOnlyList<RecordedRequest> sent = await SettledAsync();

        IReadOnlyList<ErrorRecord> errors = ErrorsOf(result);
        Assert.All(errors, AssertModuleError);
        switch (row.Kind)
        {
            case CallKind.Repeatable when FaultKinds.IsTransient(faultKind):
                Assert.True(errors.Count == 0, "a repeatable call failed after a transient fault: " + Describe(errors));
                break;
            case CallKind.CreatesClient:
                await AssertClientCreateRulesAsync(row, faultKind, result, errors, sent);
                break;
            case CallKind.CreatesSecret:
                AssertSentOnce(row, clientId, sent);
                AssertSecretRules(result, errors, faultKind);
                break;
            case CallKind.OnceOnly:
                AssertSentOnce(row, clientId, sent);
                break;
            case CallKind.RotatesSecret:
                AssertSentOnce(row, clientId, sent);
                await AssertNoSecretLostAsync(clientId, hintsBefore, result, errors);
                break;
            case CallKind.AddsKey:
                AssertSentOnce(row, clientId, sent);
                AssertLostKeyChangeSaysHowToCheck(faultKind, errors);
                break;
            case CallKind.SecretThenStep:
                Assert.True(sent.Count(request => request.Method == "PATCH" && request.Path == $"/api/v1/oauth-clients/{clientId}") <= 1, "the change that makes the secret was sent more than once");
                AssertTransientEndsInSuccess(faultKind, errors);
                await AssertSecretOfTheChangeReachedTheUserAsync(clientId, hintsBefore, result, errors);
                break;
            case CallKind.PrunesOwnSession:
                AssertTransientEndsInSuccess(faultKind, errors);
                Assert.Equal(1, await ClientsNamedAsync(FaultMatrixRows.SessionClientName));
                Shell.Run("Get-QlikOAuthClient -Name 'matrix kept' | Out-Null").AssertNoErrors();
                break;
            case CallKind.StopsBatch:
                AssertBatchStopRules(errors, sent);
                break;
        }

        AssertNextCallAnswersPromptly(row);
    }

    public static IEnumerable<object[]> Rows() => FaultMatrixRows.All.Select(row => new object[] { row.Name });

    /// <summary>Each row's script works when nothing goes wrong, so a cell never passes because the script failed on its own.</summary>
    [Theory]
    [MemberData(nameof(Rows))]
    public async Task RowRunsCleanWithoutAFault(string rowName)
    {
        FaultMatrixRow row = FaultMatrixRows.All.Single(candidate => candidate.Name == rowName);
        await ArrangeAsync();
        if (!row.Connects)
        {
            Shell.Run($"{ConnectScript} | Out-Null").AssertNoErrors();
        }

        SetUp(row);
        RunResult result = Shell.Run(row.Script);
        if (row.Kind == CallKind.StopsBatch)
        {
            // Its script is meant to be refused: nothing else may go wrong.
            Assert.StartsWith("TokenBatchStopped,", Assert.Single(ErrorsOf(result)).FullyQualifiedErrorId, StringComparison.Ordinal);
            AssertBatchStopRules(ErrorsOf(result), Emulator.Requests);
            return;
        }

        result.AssertNoErrors();
    }

    private void SetUp(FaultMatrixRow row)
    {
        if (row.Setup != null)
        {
            Shell.Run(row.Setup).AssertNoErrors();
        }
    }

    private static void AssertTransientEndsInSuccess(string faultKind, IReadOnlyList<ErrorRecord> errors) =>
        Assert.True(!FaultKinds.IsTransient(faultKind) || errors.Count == 0, "a repeatable step failed after a transient fault: " + Describe(errors));

    /// <summary>
    /// A secret the change made is shown once (a 202 PATCH carries no hint): when the tenant has a secret it had not
    /// before, it is in the output whatever the later step did, and an error of that step says the change was made.
    /// </summary>
    private async Task AssertSecretOfTheChangeReachedTheUserAsync(string clientId, IReadOnlyList<string> before, RunResult result, IReadOnlyList<ErrorRecord> errors)
    {
        if ((await HintsAsync(clientId)).Except(before).Any())
        {
            Assert.Single(result.Output, item => item.Prop<object>("ClientSecret") != null);
        }

        Assert.All(errors, error => Assert.StartsWith("ClientUpdatedButIncomplete,", error.FullyQualifiedErrorId, StringComparison.Ordinal));
    }

    /// <summary>A trusted client with both grants ($Id, $Client) and a second secret ($Hint), made over plain REST.</summary>
    private async Task<string> ArrangeAsync()
    {
        EmulatorRest.Client client = await EmulatorRest.CreateClientAsync(Emulator, new JsonObject
        {
            ["appType"] = "web",
            ["clientName"] = "arranged client",
            ["allowedGrantTypes"] = new JsonArray("client_credentials", "urn:qlik:oauth:user-impersonation"),
            ["allowedScopes"] = new JsonArray("user_default"),
            ["connectionConfig"] = new JsonObject { ["consentMethod"] = "trusted" },
        });
        using HttpClient http = EmulatorRest.AdminHttp(Emulator);
        using HttpResponseMessage added = await http.PostAsync($"/api/v1/oauth-clients/{client.ClientId}/client-secrets", null);
        added.EnsureSuccessStatusCode();
        using JsonDocument secret = JsonDocument.Parse(await added.Content.ReadAsStringAsync());
        Shell.SetVariable("Id", client.ClientId);
        Shell.SetVariable("Client", new PSCredential(client.ClientId, Secure(client.Secret)));
        Shell.SetVariable("Hint", secret.RootElement.GetProperty("hint").GetString());
        return client.ClientId;
    }

    private async Task AssertClientCreateRulesAsync(FaultMatrixRow row, string faultKind, RunResult result, IReadOnlyList<ErrorRecord> errors, IReadOnlyList<RecordedRequest> sent)
    {
        Assert.True(sent.Count(request => request.Method == "POST" && request.Path == "/api/v1/oauth-clients") <= 1, "the create was sent more than once");
        int existing = await ClientsNamedAsync(FaultMatrixRows.CreatedName);
        Assert.True(existing <= 1, $"{existing} clients named '{FaultMatrixRows.CreatedName}'");

        PSObject? created = result.Output.SingleOrDefault(item => item.BaseObject.GetType().FullName == "QlikOAuth.QlikOAuthClient");
        if (created != null)
        {
            Assert.NotNull(created.Prop<object>("ClientSecret"));
        }
        else if (existing == 1)
        {
            // The tenant made it but the module never read the answer: the error must say so, and how to check.
            ErrorRecord lost = Assert.Single(errors);
            Assert.StartsWith("ClientCreateOutcomeUnknown,", lost.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Contains($"'{FaultMatrixRows.CreatedName}'", lost.Exception.Message, StringComparison.Ordinal);
            Assert.Contains("Get-QlikOAuthClient -Name", lost.Exception.Message, StringComparison.Ordinal);

            // The next run's duplicate-name guard finds it, so re-running the script cannot make a twin.
            RunResult rerun = Shell.Run(row.Script);
            Assert.StartsWith("ClientNameExists,", Assert.Single(ErrorsOf(rerun)).FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Equal(1, await ClientsNamedAsync(FaultMatrixRows.CreatedName));
        }
        else if (FaultKinds.LosesTheAnswer(faultKind) && row.FaultMethod == "POST")
        {
            Assert.StartsWith("ClientCreateOutcomeUnknown,", Assert.Single(errors).FullyQualifiedErrorId, StringComparison.Ordinal);
        }
    }

    private static void AssertSecretRules(RunResult result, IReadOnlyList<ErrorRecord> errors, string faultKind)
    {
        if (errors.Count == 0)
        {
            PSObject secret = Assert.Single(result.Output);
            Assert.NotNull(secret.Prop<object>("ClientSecret"));
        }
        else if (FaultKinds.LosesTheAnswer(faultKind))
        {
            ErrorRecord lost = Assert.Single(errors);
            Assert.StartsWith("ClientSecretOutcomeUnknown,", lost.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Contains("Get-QlikOAuthClientSecret -ClientId", lost.Exception.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// A rotation's new secret is shown once: every secret on the tenant now that was not there before is in the output,
    /// unless the add's own answer was lost, when the error says so and how to check.
    /// </summary>
    private async Task AssertNoSecretLostAsync(string clientId, IReadOnlyList<string> before, RunResult result, IReadOnlyList<ErrorRecord> errors)
    {
        if (errors.Any(error => error.FullyQualifiedErrorId.StartsWith("ClientSecretOutcomeUnknown,", StringComparison.Ordinal)))
        {
            return;
        }

        string[] emitted = result.Output.Select(item => item.Prop<string>("Hint")).OfType<string>().ToArray();
        Assert.All((await HintsAsync(clientId)).Except(before), added => Assert.Contains(added, emitted));
        Assert.All(result.Output, item => Assert.NotNull(item.Prop<object>("ClientSecret")));
    }

    private static void AssertLostKeyChangeSaysHowToCheck(string faultKind, IReadOnlyList<ErrorRecord> errors)
    {
        if (FaultKinds.LosesTheAnswer(faultKind) && errors.Count > 0)
        {
            ErrorRecord lost = Assert.Single(errors);
            Assert.StartsWith("KeyChangeOutcomeUnknown,", lost.FullyQualifiedErrorId, StringComparison.Ordinal);
            Assert.Contains("Get-QlikOAuthClient -ClientId", lost.Exception.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// A refused client costs at most the requests in flight, whatever the fault did to one of them; once the tenant
    /// refused the client, one TokenBatchStopped error stands for all its users (a fault's own error may come too).
    /// </summary>
    private static void AssertBatchStopRules(IReadOnlyList<ErrorRecord> errors, IReadOnlyList<RecordedRequest> sent)
    {
        int tokenRequests = sent.Count(request => request.Method == "POST" && request.Path == "/oauth/token");
        Assert.True(tokenRequests <= FaultMatrixRows.BatchThrottleLimit + 1, $"a refused client cost {tokenRequests} token requests");
        int stops = errors.Count(error => error.FullyQualifiedErrorId.StartsWith("TokenBatchStopped,", StringComparison.Ordinal));
        bool refused = sent.Any(request => request.Path == "/oauth/token" && request.Status == 401);
        Assert.True(stops == (refused ? 1 : 0), $"{stops} TokenBatchStopped errors after {(refused ? "a" : "no")} refusal: " + Describe(errors));
    }

    private async Task<IReadOnlyList<string>> HintsAsync(string clientId)
    {
        using HttpClient http = EmulatorRest.AdminHttp(Emulator);
        using JsonDocument client = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/oauth-clients/{clientId}"));
        return client.RootElement.GetProperty("clientSecrets").EnumerateArray().Select(secret => secret.GetProperty("hint").GetString()!).ToList();
    }

    private static void AssertSentOnce(FaultMatrixRow row, string clientId, IReadOnlyList<RecordedRequest> sent)
    {
        string path = row.FaultPath.Replace("{id}", clientId, StringComparison.Ordinal);
        int count = sent.Count(request => request.Method == row.FaultMethod && request.Path == path);
        Assert.True(count <= 1, $"{row.FaultMethod} {path} was sent {count} times; it must never be repeated");
    }

    // Timed inside the runspace, so the time is the module's and not the test host's pipeline set-up.
    private void AssertNextCallAnswersPromptly(FaultMatrixRow row)
    {
        string call = (row.Connects ? $"{ConnectScript} | Out-Null; " : string.Empty) + "Invoke-QlikRestMethod /api/v1/users/me -Verbose | Out-Null";
        RunResult result = Shell.Run($"$began = [DateTimeOffset]::UtcNow; $watch = [System.Diagnostics.Stopwatch]::StartNew(); {call}; $watch.Elapsed; $began");

        TimeSpan elapsed = (TimeSpan)result.Output[^2].BaseObject;
        // Where the time went: a request that reached the emulator late was held up on this side, not by the tenant.
        DateTimeOffset began = (DateTimeOffset)result.Output[^1].BaseObject;
        RecordedRequest? reached = Emulator.Requests.LastOrDefault(request => request.Path == "/api/v1/users/me");
        string arrival = reached is null ? "it never reached the emulator" : $"it reached the emulator {(reached.At - began).TotalMilliseconds:0} ms after the call began";
        Assert.True(elapsed < NextCallLimit, $"the next call took {elapsed} ({arrival}): " + string.Join(" | ", result.Verbose.Select(record => record.Message)));
        Assert.All(ErrorsOf(result), AssertModuleError);
    }

    /// <summary>The module's own id (never System.*, RuntimeException or NotSpecified), a category, and no stack trace.</summary>
    private static void AssertModuleError(ErrorRecord error)
    {
        string id = error.FullyQualifiedErrorId.Split(',')[0];
        Assert.False(id.StartsWith("System.", StringComparison.Ordinal) || id is "RuntimeException" or "NotSpecified", $"not the module's error id: {error.FullyQualifiedErrorId}: {error}");
        Assert.NotEqual(ErrorCategory.NotSpecified, error.CategoryInfo.Category);
        Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.Exception.Message, StringComparison.Ordinal);
    }

    private static IReadOnlyList<ErrorRecord> ErrorsOf(RunResult result) =>
        result.Terminating is null ? result.Errors : [.. result.Errors, result.Terminating.ErrorRecord];

    private static string Describe(IEnumerable<ErrorRecord> errors) => string.Join(" | ", errors.Select(error => error.FullyQualifiedErrorId + ": " + error));

    /// <summary>The request log once it has settled: a delayed or dropped request is logged only when the emulator finishes it.</summary>
    private async Task<IReadOnlyList<RecordedRequest>> SettledAsync()
    {
        int previous = -1;
        for (int stable = 0, tries = 0; stable < 2 && tries < 80; tries++)
        {
            await Task.Delay(50);
            int count = Emulator.Requests.Count;
            stable = count == previous ? stable + 1 : 0;
            previous = count;
        }

        return Emulator.Requests;
    }

    private async Task<int> ClientsNamedAsync(string name)
    {
        using HttpClient http = EmulatorRest.AdminHttp(Emulator);
        JsonDocument list = JsonDocument.Parse(await http.GetStringAsync("/api/v1/oauth-clients?limit=100"));
        return list.RootElement.GetProperty("data").EnumerateArray().Count(client => client.GetProperty("clientName").GetString() == name);
    }
}
