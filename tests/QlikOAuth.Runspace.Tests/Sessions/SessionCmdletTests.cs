using System.Management.Automation;
using QlikCloud.Emulator;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Sessions;

/// <summary>Connect-QlikTenant, Get-QlikSession and Disconnect-QlikTenant as a user types them.</summary>
public sealed class SessionCmdletTests : TenantTestBase
{
    private const string SessionType = "QlikOAuth.QlikSession";

    [Fact]
    public void ConnectingWithAnApiKeyReturnsTheSessionAndMakesItTheDefault()
    {
        RunResult result = Shell.Run($"{ConnectScript}; Get-QlikSession");

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        var sessions = result.OutputOfType(SessionType);
        Assert.Equal(2, sessions.Count);
        Assert.Same(sessions[0].BaseObject, sessions[1].BaseObject);
        PSObject session = sessions[0];
        Assert.Equal("ApiKey", session.Prop<string>("AuthenticationType"));
        Assert.Equal(EmulatorDefaults.AdminUserId, session.Prop<string>("UserId"));
        Assert.Equal(EmulatorDefaults.AdminSubject, session.Prop<string>("Subject"));
        Assert.Equal(Emulator.BaseUrl.GetLeftPart(UriPartial.Authority), session.Prop<Uri>("TenantUrl")!.GetLeftPart(UriPartial.Authority));
        Assert.True(session.Prop<bool>("IsConnected"));
        Assert.Null(session.Prop<string>("ClientId"));
    }

    [Fact]
    public async Task ConnectingWithAnAdminOAuthClientActsAsItsBotUser()
    {
        EmulatorRest.Client admin = await EmulatorRest.CreateAdminClientAsync(Emulator);
        Shell.SetVariable("AdminCredential", new PSCredential(admin.ClientId, Secure(admin.Secret)));

        RunResult result = Shell.Run("Connect-QlikTenant $TenantUrl -Credential $AdminCredential -Verbose");

        PSObject session = result.Single(SessionType);
        Assert.Equal("OAuthClient", session.Prop<string>("AuthenticationType"));
        Assert.Equal(admin.ClientId, session.Prop<string>("ClientId"));
        Assert.Equal($"qlikbot\\{admin.ClientId}", session.Prop<string>("Subject"));
        Assert.Contains(Emulator.Requests, request => request.Path == "/oauth/token" && request.Body.Contains("admin_classic"));
        Assert.DoesNotContain(admin.Secret, result.AllText());
        Assert.Contains(result.Verbose, record => record.Message.Contains("POST /oauth/token -> 200"));
    }

    [Fact]
    public void NoDefaultReturnsTheSessionWithoutMakingItTheDefault()
    {
        RunResult result = Shell.Run($"{ConnectScript} -NoDefault; Get-QlikSession");

        Assert.Equal(SessionType, Assert.Single(result.Output).BaseObject.GetType().FullName);
        Assert.Null(Shell.GetVariable("QlikOAuthDefaultSession"));
    }

    [Fact]
    public void AWrongApiKeyEndsTheCommandWithAnAuthenticationErrorAndSetsNoDefault()
    {
        Shell.SetVariable("WrongKey", Secure("not-the-key"));

        RunResult result = Shell.Run("Connect-QlikTenant -TenantUrl $TenantUrl -ApiKey $WrongKey; 'next statement'");

        // A non-terminating error: with the default -ErrorAction the script goes on.
        ErrorRecord error = Assert.Single(result.Errors);
        Assert.Equal("QlikApi.Unauthorized,QlikOAuth.Commands.ConnectQlikTenantCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Equal("next statement", Assert.Single(result.Output).BaseObject);
        Assert.Null(Shell.GetVariable("QlikOAuthDefaultSession"));
        Assert.DoesNotContain("not-the-key", result.AllText());
        Assert.Contains("wrong, expired or was revoked", error.Exception.Message);
        Assert.Contains("-ApiKey", error.Exception.Message);
        Assert.DoesNotContain("Qlik support", error.ErrorDetails?.RecommendedAction ?? string.Empty);
    }

    [Fact]
    public void AKeyOfAUserWhoMayNotAdministerTheTenantSaysItNeedsATenantAdmin()
    {
        Emulator.InjectFault(new FaultSpec { PathPrefix = "/api/v1/users/me", Status = 403 });

        RunResult result = Shell.Run(ConnectScript);

        ErrorRecord error = Assert.Single(result.Errors);
        Assert.Equal("QlikApi.Forbidden,QlikOAuth.Commands.ConnectQlikTenantCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.Contains("needs a TenantAdmin's API key", error.Exception.Message);
    }

    [Fact]
    public void WithErrorActionStopAFailedConnectStopsTheScript()
    {
        Shell.SetVariable("WrongKey", Secure("not-the-key"));

        RunResult result = Shell.Run("Connect-QlikTenant -TenantUrl $TenantUrl -ApiKey $WrongKey -ErrorAction Stop; 'not reached'");

        Assert.NotNull(result.Terminating);
        Assert.Equal("QlikApi.Unauthorized,QlikOAuth.Commands.ConnectQlikTenantCommand", result.Terminating!.ErrorRecord.FullyQualifiedErrorId);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void SilentlyContinueWithAnErrorVariableCollectsTheFailureQuietly()
    {
        Shell.SetVariable("WrongKey", Secure("not-the-key"));

        RunResult result = Shell.Run("Connect-QlikTenant $TenantUrl -ApiKey $WrongKey -ErrorAction SilentlyContinue -ErrorVariable failed; $failed[0].FullyQualifiedErrorId");

        Assert.Empty(result.Errors);
        Assert.Equal("QlikApi.Unauthorized,QlikOAuth.Commands.ConnectQlikTenantCommand", Assert.Single(result.Output).BaseObject);
    }

    [Fact]
    public void PlainHttpOffLoopbackIsRefusedBeforeAnyRequest()
    {
        RunResult result = Shell.Run("try { Connect-QlikTenant -TenantUrl http://acme.eu.qlikcloud.com -ApiKey $ApiKey -ErrorAction Stop } catch { $_ }");

        ErrorRecord error = Assert.IsType<ErrorRecord>(Assert.Single(result.Output).BaseObject);
        Assert.Equal("InsecureTenantUrl,QlikOAuth.Commands.ConnectQlikTenantCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("https", error.Exception.Message);
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public void DisconnectingForgetsTheDefaultAndRetiresTheSessionObject()
    {
        RunResult result = Shell.Run($"$s = {ConnectScript}; Disconnect-QlikTenant; Get-QlikSession; $s.IsConnected");

        Assert.Null(result.Terminating);
        Assert.Equal(false, Assert.Single(result.Output).BaseObject);
        Assert.Null(Shell.GetVariable("QlikOAuthDefaultSession"));
    }

    [Fact]
    public void DisconnectingAnExplicitSessionLeavesAnotherDefaultAlone()
    {
        RunResult result = Shell.Run($"$first = {ConnectScript} -NoDefault; $default = {ConnectScript}; Disconnect-QlikTenant -Session $first; $first.IsConnected; (Get-QlikSession).SessionId -eq $default.SessionId");

        Assert.Equal(new object[] { false, true }, result.Output.Select(item => item.BaseObject));
    }

    [Fact]
    public void TheSessionShowsNoSecretInToStringOrProperties()
    {
        RunResult result = Shell.Run($"$s = {ConnectScript} -Verbose; $s; $s.ToString(); $s.PSObject.Properties | ForEach-Object {{ \"$($_.Name)=$($_.Value)\" }}");

        string text = result.AllText();
        Assert.Contains("ApiKey", text);
        Assert.DoesNotContain(Emulator.AdminApiKey, text);
    }

    [Fact]
    public void WithoutAConnectionGetQlikSessionReturnsNothing()
    {
        RunResult result = Shell.Run("Get-QlikSession -Verbose");

        Assert.Empty(result.Output);
        Assert.Empty(result.Errors);
        Assert.Contains(result.Verbose, record => record.Message.Contains("Connect-QlikTenant"));
    }
}
