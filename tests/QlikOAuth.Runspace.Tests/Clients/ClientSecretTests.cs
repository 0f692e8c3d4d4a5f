using System.Management.Automation;
using System.Net;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Clients;

/// <summary>Secret rotation: New-QlikOAuthClientSecret (at most five), Remove-QlikOAuthClientSecret -Hint.</summary>
public sealed class ClientSecretTests : ClientTestBase
{
    [Fact]
    public async Task ANewSecretWorksAndPipesIntoRemoval()
    {
        RunResult result = Run(
            "$client = New-QlikOAuthClient -Name rotating -Trusted\n" +
            "$secret = $client | New-QlikOAuthClientSecret -Force\n" +
            "$secret\n" +
            "$client | Get-QlikOAuthClient | ForEach-Object { $_.SecretHints.Count }\n" +
            "$secret | Remove-QlikOAuthClientSecret -Force\n" +
            "$client | Get-QlikOAuthClient | ForEach-Object { $_.SecretHints.Count }\n" +
            "$client");

        result.AssertNoErrors();
        PSObject secret = result.Output[0];
        Assert.Equal(SecretType, secret.BaseObject.GetType().FullName);
        Assert.Equal(5, secret.Prop<string>("Hint")!.Length);
        Assert.NotNull(secret.Prop<DateTimeOffset?>("CreatedAt"));
        Assert.Equal(secret.Prop<string>("ClientId"), secret.Prop<PSCredential>("Credential")!.UserName);
        Assert.Equal($"Secret {secret.Prop<string>("Hint")} of {secret.Prop<string>("ClientId")}", secret.ToString());
        Assert.Equal((2, 1), ((int)result.Output[1].BaseObject, (int)result.Output[2].BaseObject));
        PSObject client = result.Output[3];
        Assert.Equal(HttpStatusCode.OK, await TokenStatusAsync(client.Prop<string>("ClientId")!, SecretOf(client)));
        Assert.NotEqual(HttpStatusCode.OK, await TokenStatusAsync(client.Prop<string>("ClientId")!, SecretOf(secret)));
    }

    [Fact]
    public async Task TheSixthSecretIsRefusedSayingWhatToDo()
    {
        string clientId = await ArrangeClientAsync("full");

        RunResult result = Run($"@(1..5 | ForEach-Object {{ New-QlikOAuthClientSecret -ClientId {clientId} -Confirm:$false }}).Count");

        Assert.Equal(4, (int)Assert.Single(result.Output).BaseObject);
        ErrorRecord error = Assert.Single(result.Errors);
        Assert.Equal("ClientSecretLimitReached,QlikOAuth.Commands.NewQlikOAuthClientSecretCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceExists, error.CategoryInfo.Category);
        Assert.Contains("Remove-QlikOAuthClientSecret", error.Exception.Message);
        Assert.Contains($"Get-QlikOAuthClientSecret -ClientId {clientId}", error.Exception.Message);
    }

    [Fact]
    public async Task WhatIfSendsNothingForEitherCmdlet()
    {
        string clientId = await ArrangeClientAsync("dry");

        RunResult result = Run($"New-QlikOAuthClientSecret {clientId} -WhatIf; Remove-QlikOAuthClientSecret -ClientId {clientId} -Hint abcde -Force -WhatIf");

        Assert.Empty(result.Output);
        Assert.Empty(result.Errors);
        Assert.Empty(RequestsAfterConnect());
    }

    [Fact]
    public async Task AnUnknownHintIsNotFound()
    {
        string clientId = await ArrangeClientAsync("hints");

        RunResult result = Run($"Remove-QlikOAuthClientSecret -ClientId {clientId} -Hint zzzzz, 'a/b' -Force");

        Assert.Equal(
            new[] { "QlikApi.NotFound,QlikOAuth.Commands.RemoveQlikOAuthClientSecretCommand", "InvalidSecretHint,QlikOAuth.Commands.RemoveQlikOAuthClientSecretCommand" },
            result.Errors.Select(error => error.FullyQualifiedErrorId));
    }
}
