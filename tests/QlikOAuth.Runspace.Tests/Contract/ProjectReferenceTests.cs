using System.Xml.Linq;
using QlikOAuth.Runspace.Tests.Infrastructure;

namespace QlikOAuth.Runspace.Tests.Contract;

/// <summary>src/ builds against PowerShell Standard only, so the module still loads in Windows PowerShell 5.1.</summary>
public sealed class ProjectReferenceTests
{
    private static IEnumerable<string> SourceProjects() =>
        Directory.GetFiles(Path.Combine(ModuleUnderTest.RepoRoot, "src"), "*.csproj", SearchOption.AllDirectories);

    [Fact]
    public void NoSourceProjectReferencesSystemManagementAutomation()
    {
        Assert.NotEmpty(SourceProjects());
        Assert.All(SourceProjects(), project =>
            Assert.DoesNotContain(References(project), reference => reference.Name.Contains("System.Management.Automation", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void TheCmdletProjectReferencesPowerShellStandard511AsABuildTimeReferenceOnly()
    {
        string cmdlets = SourceProjects().Single(project => Path.GetFileName(project) == "QlikOAuth.csproj");

        var standard = Assert.Single(References(cmdlets), reference => reference.Name == "PowerShellStandard.Library");
        Assert.Equal("5.1.1", standard.Version);
        Assert.Equal("all", standard.PrivateAssets);
    }

    [Fact]
    public void SourceProjectsTargetFrameworksWindowsPowerShellCanLoad()
    {
        Assert.All(SourceProjects().Where(project => !project.Contains("Isolation", StringComparison.Ordinal)), project =>
            Assert.Equal("netstandard2.0", XDocument.Load(project).Descendants("TargetFramework").Single().Value));
    }

    private static IEnumerable<(string Name, string? Version, string? PrivateAssets)> References(string project) =>
        XDocument.Load(project).Descendants()
            .Where(element => element.Name.LocalName is "PackageReference" or "Reference")
            .Select(element => ((string)element.Attribute("Include")!, (string?)element.Attribute("Version"), (string?)element.Attribute("PrivateAssets")));
}
