using System.Management.Automation;
using QlikCloud.Emulator;
using QlikOAuth.Runspace.Tests.Infrastructure;
using QlikOAuth.Runspace.Tests.Tokens;

namespace QlikOAuth.Runspace.Tests.Users;

/// <summary>Get-QlikUser, New-QlikUser and Get-QlikImpersonationToken -CreateMissingUser in real PowerShell against the emulator.</summary>
public sealed class UserCmdletTests : TokenTestBase
{
    public const string UserType = "QlikOAuth.QlikUser";
    private const int ListedUsers = 120;

    protected override void Configure(EmulatorOptions options)
    {
        for (int i = 0; i < ListedUsers; i++)
        {
            options.Users.Add(new EmulatorUser { Id = $"6533{i:x20}", Subject = $"listed|{i:D3}", Email = $"listed{i:D3}@example.com", Name = $"Listed {i}" });
        }
    }

    /// <summary>Creates the tenant acted on: a 429 is refused before the tenant acts, and the module sends it again after Retry-After.</summary>
    private int Creates => Emulator.Requests.Count(request => request.Method == "POST" && request.Path == "/api/v1/users" && request.Status != 429);

    private int CountUsers(Func<EmulatorUser, bool> match)
    {
        RunResult all = RunConnected("Get-QlikUser -All");
        all.AssertNoErrors();
        return all.OutputOfType(UserType).Count(user => match(new EmulatorUser { Subject = user.Prop<string>("Subject") ?? "", Email = user.Prop<string>("Email") ?? "" }));
    }

    [Fact]
    public async Task UsersFoundByEmailPipeIntoImpersonationTokens()
    {
        await ArrangeClientAsync();

        RunResult result = RunConnected($"Get-QlikUser -Email '{EmulatorDefaults.AliceEmail}' | Get-QlikImpersonationToken -Credential $Client");

        result.AssertNoErrors();
        Assert.Equal(EmulatorDefaults.AliceId, result.Single(TokenType).Prop<string>("UserId"));
    }

    [Fact]
    public void GetQlikUserFindsByIdSubjectAndTheTenantsFilter()
    {
        RunResult result = RunConnected($"Get-QlikUser -UserId '{EmulatorDefaults.AliceId}'; Get-QlikUser -Subject '{EmulatorDefaults.BobSubject}'; Get-QlikUser -Filter 'email eq \"{EmulatorDefaults.CarolEmail}\"'");

        result.AssertNoErrors();
        var users = result.OutputOfType(UserType);
        Assert.Equal([EmulatorDefaults.AliceId, EmulatorDefaults.BobId, EmulatorDefaults.CarolId], users.Select(user => user.Prop<string>("UserId")));
        Assert.All(users, user => Assert.NotNull(user.Prop<object>("Session")));
    }

    [Fact]
    public void AMissingNamedUserIsAnError()
    {
        RunResult result = RunConnected("Get-QlikUser -Subject 'nobody|here'; Get-QlikUser -UserId '650000000000000000000fff'");

        Assert.Equal(["UserNotFoundBySubject", "UserNotFoundById"], result.Errors.Select(error => error.FullyQualifiedErrorId.Split(',')[0]));
    }

    [Fact]
    public void WithoutAllTheFirstPageComesWithAWarningAndAllPagesThroughEveryUser()
    {
        RunResult first = RunConnected("Get-QlikUser -Filter 'subject sw \"listed|\"'");
        RunResult all = RunConnected("Get-QlikUser -Filter 'subject sw \"listed|\"' -All");

        Assert.Equal(100, first.OutputOfType(UserType).Count);
        Assert.Contains(first.Warnings, warning => warning.Message.Contains("-All"));
        Assert.Equal(ListedUsers, all.OutputOfType(UserType).Select(user => user.Prop<string>("UserId")).Distinct().Count());
        Assert.Empty(all.Warnings);
    }

    [Fact]
    public async Task TwentyParallelRowsForOneNewEmailMakeOneUser()
    {
        await ArrangeClientAsync();

        RunResult result = RunConnected("1..20 | ForEach-Object { [pscustomobject]@{ Email = 'first.visit@example.com' } } | Get-QlikImpersonationToken -Credential $Client -CreateMissingUser -ThrottleLimit 8");

        result.AssertNoErrors();
        var tokens = result.OutputOfType(TokenType);
        Assert.Equal(20, tokens.Count);
        Assert.Single(tokens.Select(token => token.Prop<string>("UserId")).Distinct());
        Assert.Contains(tokens, token => token.Prop<bool>("UserCreated"));
        Assert.Equal(1, Creates);
        Assert.Equal(1, CountUsers(user => user.Email == "first.visit@example.com"));
        RunResult again = RunConnected("Get-QlikImpersonationToken -Credential $Client -Email 'first.visit@example.com' -CreateMissingUser");
        Assert.False(again.Single(TokenType).Prop<bool>("UserCreated"));
    }

    [Fact]
    public async Task ANewSubjectGetsItsNameAndSubjectFromTheRow()
    {
        await ArrangeClientAsync();

        RunResult result = RunConnected("Get-QlikImpersonationToken -Credential $Client -Subject 'idp|newbie' -Email 'newbie@example.com' -Name 'New Bie' -CreateMissingUser; Get-QlikUser -Subject 'idp|newbie'");

        result.AssertNoErrors();
        Assert.True(result.Output[0].Prop<bool>("UserCreated"));
        PSObject user = result.Output[1];
        Assert.Equal(("New Bie", "newbie@example.com", "active"), (user.Prop<string>("Name"), user.Prop<string>("Email"), user.Prop<string>("Status")));
    }

    [Fact]
    public async Task WithoutTheSwitchAnUnknownUserIsAnErrorThatNamesIt()
    {
        await ArrangeClientAsync();

        RunResult result = RunConnected("Get-QlikImpersonationToken -Credential $Client -Email 'stranger@example.com'; Get-QlikImpersonationToken -Credential $Client -Subject 'idp|stranger'");

        Assert.Equal(2, result.Errors.Count);
        Assert.StartsWith("UserNotFoundByEmail,", result.Errors[0].FullyQualifiedErrorId);
        Assert.All(result.Errors, error => Assert.Contains("-CreateMissingUser", error.ErrorDetails?.Message ?? error.Exception.Message));
        Assert.Equal(0, Creates);
    }

    [Fact]
    public void TwoHundredCsvRowsRunTwiceCreateNothingTheSecondTime()
    {
        // The rows Import-Csv would give (the hosted runspace has no Utility module; Pester runs the real Import-Csv).
        Shell.Run("$Rows = 0..199 | ForEach-Object { [pscustomobject]@{ Subject = 'csv|{0:D3}' -f $_; Email = 'csv{0:D3}@example.com' -f $_; Name = \"Csv user $_\" } }").AssertNoErrors();
        // 200 creates cross the tier-2 limit: the 429s pause the batch and every row still succeeds.
        Emulator.SetRateLimits(5000, 100, TimeSpan.FromSeconds(2));

        RunResult first = RunConnected("$Rows | New-QlikUser -ThrottleLimit 8");
        int firstCreates = Creates;
        RunResult second = RunConnected("$Rows | New-QlikUser -ThrottleLimit 8 -Verbose");

        first.AssertNoErrors();
        second.AssertNoErrors();
        Assert.Equal(200, first.OutputOfType(UserType).Count(user => user.Prop<bool>("Created")));
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"csv|{i:D3}"), first.OutputOfType(UserType).Select(user => user.Prop<string>("Subject")));
        Assert.Equal(200, firstCreates);
        Assert.Equal(200, second.OutputOfType(UserType).Count(user => !user.Prop<bool>("Created")));
        Assert.Equal(firstCreates, Creates);
        Assert.Contains(second.Verbose, line => line.Message.Contains("csv|007 exists already"));
        Assert.Contains(Emulator.Requests, request => request.Status == 429);
    }

    [Fact]
    public void ALostCreateAnswerIsReadBackAndNeverSentTwice()
    {
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/api/v1/users", Method = "POST", DropAfterHandling = true });

        RunResult result = RunConnected("New-QlikUser -Subject 'idp|lost' -Email 'lost@example.com' -Name 'Lost'");

        result.AssertNoErrors();
        Assert.True(result.Single(UserType).Prop<bool>("Created"));
        Assert.Equal(1, Creates);
        Assert.Equal(1, CountUsers(user => user.Subject == "idp|lost"));
    }

    [Fact]
    public async Task ADisabledUserIsRefusedAndNeverRecreated()
    {
        await ArrangeClientAsync();
        Emulator.AddUser(new EmulatorUser { Subject = "idp|off", Email = "off@example.com", Name = "Off", Status = "disabled" });

        RunResult result = RunConnected("New-QlikUser -Subject 'idp|off' -Email 'off@example.com'; Get-QlikImpersonationToken -Credential $Client -Email 'off@example.com' -CreateMissingUser");

        Assert.Empty(result.Output);
        Assert.Equal(["UserDisabled", "UserDisabled"], result.Errors.Select(error => error.FullyQualifiedErrorId.Split(',')[0]));
        Assert.Equal(0, Creates);
    }

    [Fact]
    public void BadRowsAreRefusedBeforeAnyRequestAndWhatIfSendsNothing()
    {
        RunResult result = RunConnected("""
            [pscustomobject]@{ Subject = ''; Email = 'a@example.com' }, [pscustomobject]@{ Subject = 'idp|b'; Email = 'not an email' } | New-QlikUser
            New-QlikUser -Subject 'idp|what' -Email 'what@example.com' -WhatIf
            """);

        Assert.Equal(["MissingSubject", "InvalidEmail"], result.Errors.Select(error => error.FullyQualifiedErrorId.Split(',')[0]));
        Assert.Empty(result.Output);
        Assert.Equal(0, Creates);
    }
}
