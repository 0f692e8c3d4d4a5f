using System.Management.Automation;
using System.Security;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Tokens;

/// <summary>Get-QlikAccessToken: M2M tokens with a secret or a private key, the cache, -TenantUrl, and its errors.</summary>
public sealed class GetQlikAccessTokenTests : TokenTestBase
{
    [Fact]
    public async Task ASecretClientGetsAnM2MTokenAsSecureStringAndTheCacheServesItAgain()
    {
        string clientId = await ArrangeClientAsync(scopes: ["user_default", "admin_classic"]);

        RunResult result = RunConnected("Get-QlikAccessToken -Credential $Client -Scope user_default -Verbose; Get-QlikAccessToken -Credential $Client -Scope user_default");

        result.AssertNoErrors();
        var tokens = result.OutputOfType(TokenType);
        Assert.Equal(2, tokens.Count);
        PSObject token = tokens[0];
        Assert.IsType<SecureString>(token.Prop<object>("AccessToken"));
        Assert.Equal("bearer", token.Prop<string>("TokenType"));
        Assert.Equal(ClientCredentials, token.Prop<string>("GrantType"));
        Assert.Equal("user_default", token.Prop<string>("Scope"));
        Assert.Equal(clientId, token.Prop<string>("ClientId"));
        Assert.True(token.Prop<DateTimeOffset>("ExpiresAt") > DateTimeOffset.UtcNow.AddHours(5));
        Assert.Null(token.Prop<string>("UserId"));
        Assert.Equal("QlikOAuth.QlikSessionReference", token.Prop<object>("Session")!.GetType().FullName);
        Assert.Equal(TokenText(tokens[0]), TokenText(tokens[1]));
        Assert.Equal(1, TokenRequests);
        AssertNoSecretText(result);
    }

    [Fact]
    public async Task AsPlainTextGivesAStringAndNoCacheAsksTheTenantEachTime()
    {
        await ArrangeClientAsync();

        RunResult result = RunConnected("Get-QlikAccessToken -Credential $Client -AsPlainText -NoCache; Get-QlikAccessToken -Credential $Client -AsPlainText -NoCache");

        var tokens = result.OutputOfType(TokenType);
        Assert.All(tokens, token => Assert.IsType<string>(token.Prop<object>("AccessToken")));
        Assert.NotEqual(TokenText(tokens[0]), TokenText(tokens[1]));
        Assert.Equal(2, TokenRequests);
        AssertNoSecretText(result);
    }

    [Theory]
    [InlineData("RS256", false)]
    [InlineData("ES384", true)]
    public async Task APrivateKeyClientSignsAssertionsWithItsKeyFile(string algorithm, bool encrypted)
    {
        string clientId = await ArrangeKeyClientAsync(algorithm, encrypted ? Secure("key password 123") : null);
        string password = encrypted ? "-KeyPassword $KeyPassword" : string.Empty;

        RunResult result = RunConnected($"Get-QlikAccessToken -ClientId $ClientId -PrivateKeyPath $KeyPath -KeyId kid-{algorithm} {password} -Verbose");

        PSObject token = result.Single(TokenType);
        Assert.Equal(clientId, token.Prop<string>("ClientId"));
        var sent = Assert.Single(Emulator.Requests, request => request.Path == "/oauth/token");
        Assert.Equal(200, sent.Status);
        Assert.Contains("client_assertion", sent.Body);
        Assert.DoesNotContain("client_secret", sent.Body);
        Assert.Contains(result.Verbose, record => record.Message.Contains($"{algorithm} key kid-{algorithm}"));
        AssertNoSecretText(result);
    }

    [Fact]
    public async Task TenantUrlIssuesWithoutASession()
    {
        await ArrangeClientAsync();

        RunResult result = Shell.Run("Get-QlikAccessToken -TenantUrl $TenantUrl -Credential $Client");

        PSObject token = result.Single(TokenType);
        Assert.Null(token.Prop<object>("Session"));
        Assert.Equal(Emulator.BaseUrl.GetLeftPart(UriPartial.Authority), token.Prop<Uri>("TenantUrl")!.GetLeftPart(UriPartial.Authority));
        Assert.DoesNotContain(Emulator.Requests, request => request.Path == "/api/v1/users/me");
    }

    [Theory]
    [InlineData("Get-QlikAccessToken", "MissingClient")]
    [InlineData("Get-QlikAccessToken -PrivateKeyPath ./none.pem", "MissingClientId")]
    [InlineData("Get-QlikAccessToken -Credential $Client -TenantUrl $TenantUrl -Session (Get-QlikSession)", "SessionAndTenantUrl")]
    [InlineData("Get-QlikAccessToken -Credential $Client -ClientId someone-else", "ClientIdMismatch")]
    public async Task AnImpossibleClientEndsTheCommand(string script, string errorId)
    {
        await ArrangeClientAsync();

        RunResult result = RunConnected(script);

        ErrorRecord error = TheError(result);
        Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Empty(result.Output);
        Assert.Equal(0, TokenRequests);
    }

    [Fact]
    public async Task AWrongSecretIsAnAuthenticationErrorThatErrorActionControls()
    {
        string clientId = await ArrangeClientAsync();
        Shell.SetVariable("Wrong", new PSCredential(clientId, Secure("not-the-secret")));

        RunResult stop = RunConnected("Get-QlikAccessToken -Credential $Wrong -ErrorAction Stop; 'not reached'");
        RunResult quiet = RunConnected("Get-QlikAccessToken -Credential $Wrong -ErrorAction SilentlyContinue -ErrorVariable failed; $failed.Count; $failed[0].Exception.Reason.ToString()");

        Assert.NotNull(stop.Terminating);
        Assert.Equal("TokenRefused.InvalidClientCredentials,QlikOAuth.Commands.GetQlikAccessTokenCommand", stop.Terminating!.ErrorRecord.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, stop.Terminating.ErrorRecord.CategoryInfo.Category);
        string message = stop.Terminating.ErrorRecord.Exception.Message;
        Assert.Contains("secret is wrong", message);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(message, "wrong")); // said once, not in Qlik's words again
        Assert.Contains("-Credential", message);
        Assert.Empty(stop.Output);
        Assert.Empty(quiet.Errors);
        Assert.Equal(new object[] { 1, "InvalidClientCredentials" }, quiet.Output.Select(item => item.BaseObject));
        AssertNoSecretText(stop);
    }
}
