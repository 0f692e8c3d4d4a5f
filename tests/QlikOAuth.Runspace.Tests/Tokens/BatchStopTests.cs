using System.Management.Automation;
using QlikCloud.Emulator;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Tokens;

/// <summary>
/// Issue 21, item 3: a refusal that concerns the issuing client ends Get-QlikImpersonationToken's batch after the
/// requests already in flight, with one error that says why and how many users were not tried; a refusal about one
/// user stays that user's error and the batch goes on.
/// </summary>
public sealed class BatchStopTests : TokenTestBase
{
    private const int Rows = 200;
    private const int ThrottleLimit = 4;

    /// <summary>Rows as Import-Csv makes them: one object per line with a Subject column.</summary>
    private const string CsvRows = "1..{0} | ForEach-Object {{ [pscustomobject]@{{ Subject = 'batch|user' + $_; Team = 'sales' }} }}";

    [Fact]
    public async Task AWrongSecretEndsTheBatchAfterTheRequestsInFlightWithOneErrorCountingTheUntriedRows()
    {
        string clientId = await ArrangeClientAsync();
        Shell.SetVariable("Wrong", new PSCredential(clientId, Secure("not the secret")));
        Shell.Run(ConnectScript).AssertNoErrors();
        Emulator.ClearRequests();

        RunResult result = Shell.Run(string.Format(CsvRows, Rows) + $" | Get-QlikImpersonationToken -Credential $Wrong -ThrottleLimit {ThrottleLimit}");

        int sent = TokenRequests;
        Assert.InRange(sent, 1, ThrottleLimit + 1);
        Assert.Empty(result.Output);
        ErrorRecord error = TheError(result);
        Assert.StartsWith("TokenBatchStopped,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Equal(clientId, error.TargetObject);
        Assert.Contains($"{Rows - sent} of {Rows} users were not tried", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("InvalidClientCredentials", error.Exception.Message, StringComparison.Ordinal);
        AssertNoSecretText(result);
    }

    [Fact]
    public async Task ARefusedClientStopsOnlyItsOwnRowsWhenRowsNameSeveralClients()
    {
        string refusedId = await ArrangeClientAsync();
        Shell.SetVariable("Wrong", new PSCredential(refusedId, Secure("not the secret")));
        await ArrangeClientAsync(); // $Client: another client, whose rows go on
        Shell.Run(ConnectScript).AssertNoErrors();
        Emulator.ClearRequests();

        RunResult result = Shell.Run(
            $"@(1..50 | ForEach-Object {{ [pscustomobject]@{{ Subject = 'batch|user' + $_; Credential = $Wrong }} }}) + " +
            $"@([pscustomobject]@{{ Subject = '{EmulatorDefaults.AliceSubject}'; Credential = $Client }}, [pscustomobject]@{{ Subject = '{EmulatorDefaults.BobSubject}'; Credential = $Client }}) | " +
            "Get-QlikImpersonationToken -ThrottleLimit 2");

        Assert.Equal([EmulatorDefaults.AliceSubject, EmulatorDefaults.BobSubject], TokensIn(result.Output).Select(token => token.Prop<string>("Subject")));
        ErrorRecord error = Assert.Single(result.Errors);
        Assert.StartsWith("TokenBatchStopped,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        int refused = Emulator.Requests.Count(request => request.Path == "/oauth/token" && request.Status == 401);
        Assert.InRange(refused, 1, 3);
        Assert.Contains($"{50 - refused} of 50 users were not tried", error.Exception.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A rate-limit pause longer than the session waits fails every later row alike without a request: one error says
    /// it with the count, as a refusal does, instead of one error a row (it was 196 identical errors here).
    /// </summary>
    [Fact]
    public async Task ARateLimitPauseBeyondTheWaitEndsTheBatchWithOneErrorCountingTheUntriedRows()
    {
        await ArrangeClientAsync();
        Shell.Run(ConnectScript).AssertNoErrors();
        Emulator.ClearRequests();
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/oauth/token", Method = "POST", Status = 429, RetryAfterSeconds = 3600 });

        RunResult result = Shell.Run(string.Format(CsvRows, Rows) + $" | Get-QlikImpersonationToken -Credential $Client -ThrottleLimit {ThrottleLimit}");

        int sent = TokenRequests;
        Assert.InRange(sent, 1, ThrottleLimit + 1);
        // The rows in flight beside the limited one were answered (these users are unknown to the tenant): their own errors.
        Assert.Equal(sent - 1, result.Errors.Count(e => e.FullyQualifiedErrorId.StartsWith("TokenRefused.UserNotFound,", StringComparison.Ordinal)));
        ErrorRecord error = Assert.Single(result.Errors, e => !e.FullyQualifiedErrorId.StartsWith("TokenRefused.UserNotFound,", StringComparison.Ordinal));
        Assert.StartsWith("TokenBatchStopped,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("stopped at the tenant's rate limit", error.Exception.Message, StringComparison.Ordinal);
        // A worker may take a row between the 429 and its record as the stop: that row fails on the paused gate
        // without a request, so it is neither sent nor counted untried.
        int untried = int.Parse(System.Text.RegularExpressions.Regex.Match(error.Exception.Message, $@"(\d+) of {Rows} users were not tried").Groups[1].Value);
        Assert.InRange(untried, Rows - sent - ThrottleLimit, Rows - sent);
        // The progress bar says the batch stopped, not that the client was refused: the tenant refused nothing.
        Assert.Contains(result.Progress, progress => progress.StatusDescription.Contains($"{untried} not tried (batch stopped)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RefusalsAboutOneUserStayPerRowAndTheBatchGoesOn()
    {
        await ArrangeClientAsync();
        Shell.Run(ConnectScript).AssertNoErrors();
        Emulator.ClearRequests();

        // Twenty users the tenant does not know, one disabled user, then two it knows: every one is asked for.
        RunResult result = Shell.Run(
            string.Format(CsvRows, 20) + $" | Get-QlikImpersonationToken -Credential $Client -ThrottleLimit {ThrottleLimit}; " +
            $"'{EmulatorDefaults.DisabledSubject}', '{EmulatorDefaults.AliceSubject}', '{EmulatorDefaults.BobSubject}' | Get-QlikImpersonationToken -Credential $Client -ThrottleLimit {ThrottleLimit}");

        Assert.Equal(23, TokenRequests);
        Assert.Equal([EmulatorDefaults.AliceSubject, EmulatorDefaults.BobSubject], TokensIn(result.Output).Select(token => token.Prop<string>("Subject")));
        Assert.Equal(21, result.Errors.Count);
        Assert.All(result.Errors.Take(20), error => Assert.StartsWith("TokenRefused.UserNotFound,", error.FullyQualifiedErrorId, StringComparison.Ordinal));
        Assert.StartsWith("TokenRefused.UserDisabled,", result.Errors[20].FullyQualifiedErrorId, StringComparison.Ordinal);
    }
}
