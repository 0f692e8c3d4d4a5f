using System.Management.Automation;
using System.Security;
using QlikCloud.Emulator;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Tokens;

/// <summary>Get-QlikImpersonationToken: users from arguments and the pipeline, batches, per-user errors, progress, Ctrl+C.</summary>
public sealed class GetQlikImpersonationTokenTests : TokenTestBase
{
    private const int BatchUsers = 150;

    protected override void Configure(EmulatorOptions options)
    {
        for (int i = 0; i < BatchUsers; i++)
        {
            options.Users.Add(new EmulatorUser { Id = $"6522{i:x20}", Subject = $"batch|user{i:D3}", Email = $"user{i:D3}@example.com", Name = $"Batch user {i}" });
        }
    }

    [Theory]
    [InlineData("-UserId", EmulatorDefaults.AliceId)]
    [InlineData("-Subject", EmulatorDefaults.AliceSubject)]
    [InlineData("-Email", EmulatorDefaults.AliceEmail)]
    public async Task AUserNamedByIdSubjectOrEmailGetsATokenActingAsThem(string parameter, string value)
    {
        await ArrangeClientAsync();

        RunResult result = RunConnected($"$t = Get-QlikImpersonationToken -Credential $Client {parameter} '{value}'; $t; Invoke-QlikRestMethod /api/v1/users/me -AccessToken $t");

        result.AssertNoErrors();
        PSObject token = result.Output[0];
        Assert.Equal(TokenType, token.BaseObject.GetType().FullName);
        Assert.Equal(Impersonation, token.Prop<string>("GrantType"));
        Assert.IsType<SecureString>(token.Prop<object>("AccessToken"));
        Assert.Equal(parameter == "-Subject" ? null : EmulatorDefaults.AliceId, token.Prop<string>("UserId"));
        Assert.Equal(parameter == "-Email" ? EmulatorDefaults.AliceEmail : null, token.Prop<string>("Email"));
        Assert.Equal(EmulatorDefaults.AliceId, result.Output[1].Prop<string>("id"));
        AssertNoSecretText(result);
    }

    [Fact]
    public async Task PipedObjectsAndStringsAreUsersInInputOrder()
    {
        await ArrangeClientAsync();
        string rows = $$"""
            [pscustomobject]@{ UserId = '{{EmulatorDefaults.BobId}}'; Subject = ''; Email = '' },
            [pscustomobject]@{ UserId = ''; Subject = ''; Email = '{{EmulatorDefaults.CarolEmail}}' },
            [pscustomobject]@{ UserId = ''; Subject = '{{EmulatorDefaults.AliceSubject}}'; Email = 'ignored@example.com' },
            '{{EmulatorDefaults.BobSubject}}'
            """;

        RunResult result = RunConnected($"@({rows}) | Get-QlikImpersonationToken -Credential $Client -AsPlainText");

        var tokens = result.OutputOfType(TokenType);
        Assert.Equal([EmulatorDefaults.BobId, EmulatorDefaults.CarolId, null, null], tokens.Select(token => token.Prop<string>("UserId")));
        Assert.Equal([null, "auth0|carol", EmulatorDefaults.AliceSubject, EmulatorDefaults.BobSubject], tokens.Select(token => token.Prop<string>("Subject")));
        Assert.All(tokens, token => Assert.IsType<string>(token.Prop<object>("AccessToken")));
        AssertNoSecretText(result);
    }

    [Fact]
    public async Task UsersFromTheUsersApiBindByTheirIdProperty()
    {
        await ArrangeClientAsync();

        RunResult result = RunConnected("Invoke-QlikRestMethod '/api/v1/users?filter=status eq \"active\"&limit=3' -All | Get-QlikImpersonationToken -Credential $Client -ThrottleLimit 2");

        var tokens = result.OutputOfType(TokenType);
        Assert.Equal(BatchUsers + 6, tokens.Count);
        Assert.All(tokens, token => Assert.NotNull(token.Prop<string>("UserId")));
    }

    [Fact]
    public async Task OneFailedUserIsANonTerminatingErrorAndTheRestGoOn()
    {
        await ArrangeClientAsync();

        RunResult result = RunConnected(
            $"'{EmulatorDefaults.AliceSubject}', 'auth0|nobody', '{EmulatorDefaults.DisabledSubject}', '{EmulatorDefaults.BobSubject}' | Get-QlikImpersonationToken -Credential $Client; " +
            $"Get-QlikImpersonationToken -Credential $Client -Email {EmulatorDefaults.SharedEmail}");

        Assert.Null(result.Terminating);
        Assert.Equal([EmulatorDefaults.AliceSubject, EmulatorDefaults.BobSubject], result.Output.Select(token => token.Prop<string>("Subject")));
        Assert.Equal(3, result.Errors.Count);
        Assert.Equal("auth0|nobody", result.Errors[0].TargetObject); // the input row as piped
        Assert.Contains("UserNotFound", result.Errors[0].Exception.GetType().GetProperty("Reason")!.GetValue(result.Errors[0].Exception)!.ToString());
        Assert.Equal(ErrorCategory.PermissionDenied, result.Errors[1].CategoryInfo.Category);
        Assert.StartsWith("AmbiguousEmail,", result.Errors[2].FullyQualifiedErrorId);
        Assert.Contains(EmulatorDefaults.SharedEmail, result.Errors[2].ErrorDetails.Message);
        AssertNoSecretText(result);
    }

    [Fact]
    public async Task ABulkFailuresTargetIsTheInputRow()
    {
        await ArrangeClientAsync();

        RunResult result = RunConnected(
            $"[pscustomobject]@{{ Email = '{EmulatorDefaults.BobEmail}'; Team = 'sales' }}, [pscustomobject]@{{ Email = 'nobody@example.com'; Team = 'support' }} | " +
            "Get-QlikImpersonationToken -Credential $Client");

        ErrorRecord error = Assert.Single(result.Errors);
        PSObject row = Assert.IsType<PSObject>(error.TargetObject);
        Assert.Equal(("nobody@example.com", "support"), (row.Prop<string>("Email"), row.Prop<string>("Team")));
        Assert.Equal(EmulatorDefaults.BobEmail, Assert.Single(result.Output).Prop<string>("Email"));
    }

    [Fact]
    public async Task ErrorActionStopEndsTheBatchAtTheFirstFailedUser()
    {
        await ArrangeClientAsync();

        RunResult result = RunConnected($"'auth0|nobody', '{EmulatorDefaults.BobSubject}' | Get-QlikImpersonationToken -Credential $Client -ErrorAction Stop");

        Assert.NotNull(result.Terminating);
        Assert.Equal("auth0|nobody", result.Terminating!.ErrorRecord.TargetObject);
        Assert.Empty(result.Output);
    }

    [Theory]
    [InlineData("Get-QlikImpersonationToken -Credential $Client", "NoUser")]
    [InlineData("Get-QlikImpersonationToken -Credential $Client -UserId a,b -Subject c", "AmbiguousUsers")]
    public async Task InputThatNamesNoUserOrMixesListsIsAnInvalidArgument(string script, string errorId)
    {
        await ArrangeClientAsync();

        RunResult result = RunConnected(script);

        ErrorRecord error = TheError(result);
        Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Equal(0, TokenRequests);
    }

    [Fact]
    public async Task AnEmailNeedsASessionToBeLookedUp()
    {
        await ArrangeClientAsync();

        RunResult result = Shell.Run($"Get-QlikImpersonationToken -TenantUrl $TenantUrl -Credential $Client -Email {EmulatorDefaults.AliceEmail}, {EmulatorDefaults.BobEmail}");

        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, error => Assert.StartsWith("EmailNeedsSession,", error.FullyQualifiedErrorId));
        Assert.DoesNotContain(Emulator.Requests, request => request.Path == "/oauth/token" || request.Path.StartsWith("/api/v1/users", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ALargeBatchShowsProgressAndKeepsInputOrder()
    {
        await ArrangeClientAsync();
        Shell.SetVariable("Subjects", Enumerable.Range(0, BatchUsers).Select(i => $"batch|user{i:D3}").ToArray());
        Shell.Run(ConnectScript);
        using PowerShell shell = Shell.Create("Get-QlikImpersonationToken -Credential $Client -Subject $Subjects -ThrottleLimit 2");

        RunResult result = PowerShellSession.Invoke(shell);

        var tokens = result.OutputOfType(TokenType);
        Assert.Equal(Enumerable.Range(0, BatchUsers).Select(i => $"batch|user{i:D3}"), tokens.Select(token => token.Prop<string>("Subject")));
        Assert.Contains(shell.Streams.Progress, record => record.PercentComplete > 0 && record.StatusDescription.Contains("issued"));
        Assert.Contains(shell.Streams.Progress, record => record.RecordType == ProgressRecordType.Completed);
    }

    [Fact]
    public async Task StopDuringARetryAfterWaitEndsTheCommandWithinTwoSeconds()
    {
        await ArrangeClientAsync();
        Shell.Run(ConnectScript);
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/oauth/token", Status = 429, RetryAfterSeconds = 120, Count = 100 });
        using PowerShell shell = Shell.Create($"'{EmulatorDefaults.AliceSubject}', '{EmulatorDefaults.BobSubject}' | Get-QlikImpersonationToken -Credential $Client");

        IAsyncResult running = shell.BeginInvoke();
        Assert.True(SpinWait.SpinUntil(() => Emulator.Requests.Any(request => request.Status == 429), TimeSpan.FromSeconds(10)), "no 429 was answered");
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        shell.Stop();
        bool ended = running.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(5));

        Assert.True(ended && stopwatch.Elapsed < TimeSpan.FromSeconds(2), $"the command took {stopwatch.Elapsed.TotalSeconds:0.0} s to stop");
        Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
    }
}
