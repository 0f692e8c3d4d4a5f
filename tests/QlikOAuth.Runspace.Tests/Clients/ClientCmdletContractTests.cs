using System.Management.Automation;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Clients;

/// <summary>
/// The declarations the chains and the safety rules depend on, read from the loaded module: a change here breaks
/// scripts even when every behaviour test still passes.
/// </summary>
public sealed class ClientCmdletContractTests : IDisposable
{
    private readonly PowerShellSession _shell = new();

    private CmdletInfo Command(string name) => Assert.IsType<CmdletInfo>(Assert.Single(_shell.Run($"Get-Command {name}").Output).BaseObject);

    [Theory]
    [InlineData("New-QlikOAuthClient", "Medium", "QlikOAuth.QlikOAuthClient")]
    [InlineData("Set-QlikOAuthConsent", "Medium", "QlikOAuth.QlikOAuthClient")]
    [InlineData("Set-QlikOAuthClient", "Medium", "QlikOAuth.QlikOAuthClient")]
    [InlineData("Remove-QlikOAuthClient", "High", "System.Void")]
    [InlineData("Publish-QlikOAuthClient", "Medium", "QlikOAuth.QlikOAuthClient")]
    [InlineData("New-QlikOAuthClientSecret", "High", "QlikOAuth.QlikOAuthClientSecret")]
    [InlineData("Remove-QlikOAuthClientSecret", "High", "System.Void")]
    [InlineData("New-QlikOAuthKey", "Medium", "QlikOAuth.QlikOAuthKey")]
    public void StateChangesSupportShouldProcessAtTheirImpactAndDeclareTheirOutput(string name, string impact, string outputType)
    {
        CmdletInfo command = Command(name);
        var declared = (CmdletAttribute)Attribute.GetCustomAttribute(command.ImplementingType, typeof(CmdletAttribute))!;

        Assert.True(declared.SupportsShouldProcess);
        Assert.Equal(Enum.Parse<ConfirmImpact>(impact), declared.ConfirmImpact);
        Assert.Contains(outputType, command.OutputType.Select(type => type.Name));
        Assert.True(command.Parameters.ContainsKey("WhatIf"));
    }

    [Fact]
    public void GetDeclaresItsOutputAndChangesNothing()
    {
        CmdletInfo command = Command("Get-QlikOAuthClient");

        Assert.Equal("QlikOAuth.QlikOAuthClient", Assert.Single(command.OutputType).Name);
        Assert.False(command.Parameters.ContainsKey("WhatIf"));
        Assert.Equal(new[] { "ByFilter", "ById", "ByName" }, command.ParameterSets.Select(set => set.Name).Order());
    }

    [Theory]
    [InlineData("New-QlikOAuthClient", "PublicKey")]
    [InlineData("New-QlikOAuthClient", "KeyId")]
    [InlineData("New-QlikOAuthClient", "PrivateKeyPath")]
    [InlineData("New-QlikOAuthClient", "Session")]
    [InlineData("Set-QlikOAuthConsent", "ClientId")]
    [InlineData("Set-QlikOAuthClient", "ClientId")]
    [InlineData("Get-QlikOAuthClient", "ClientId")]
    [InlineData("Remove-QlikOAuthClient", "ClientId")]
    [InlineData("Publish-QlikOAuthClient", "ClientId")]
    [InlineData("New-QlikOAuthClientSecret", "ClientId")]
    [InlineData("Remove-QlikOAuthClientSecret", "ClientId")]
    [InlineData("Remove-QlikOAuthClientSecret", "Hint")]
    public void TheChainsBindByPropertyName(string name, string parameter)
    {
        Assert.Contains(Command(name).Parameters[parameter].ParameterSets.Values, set => set.ValueFromPipelineByPropertyName);
    }

    [Fact]
    public void SetConsentTakesAPipedClientAsItselfByDefault()
    {
        CmdletInfo command = Command("Set-QlikOAuthConsent");

        Assert.Equal("ByInputObject", command.DefaultParameterSet);
        Assert.True(command.Parameters["InputObject"].ParameterSets["ByInputObject"].ValueFromPipeline);
    }

    [Theory]
    [InlineData("New-QlikOAuthClient", "Name")]
    [InlineData("New-QlikOAuthKey", "Path")]
    [InlineData("Remove-QlikOAuthClientSecret", "Hint")]
    [InlineData("Set-QlikOAuthClient", "ClientId")]
    public void RequiredParametersAreMandatory(string name, string parameter)
    {
        Assert.All(Command(name).Parameters[parameter].ParameterSets.Values, set => Assert.True(set.IsMandatory));
    }

    public void Dispose() => _shell.Dispose();
}
