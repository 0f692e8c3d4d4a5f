using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Coverage;

[CollectionDefinition(LastCollectionOrderer.Name)]
public sealed class RunsLastCollection
{
}

/// <summary>Adding a cmdlet without runspace tests turns the suite red.</summary>
[Collection(LastCollectionOrderer.Name)]
public sealed class ExportedCmdletCoverageTests
{
    [Fact]
    public void EveryExportedCmdletWasRunByARunspaceTest()
    {
        using var shell = new PowerShellSession();
        string[] names = shell.Run("(Get-Module QlikOAuth).ExportedCmdlets.Keys").Output.Select(name => name.ToString()).ToArray();
        Assert.NotEmpty(names);

        string[] neverRun = names.Where(name => !CmdletCoverage.WasInvoked(name)).ToArray();
        Assert.True(neverRun.Length == 0, "Exported cmdlets no runspace test ran: " + string.Join(", ", neverRun));
    }
}
