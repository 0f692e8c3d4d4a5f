using System.Reflection;

namespace QlikOAuth.Runspace.Tests.Infrastructure;

/// <summary>Where the build put the module layout (ModuleLayout.targets), stamped into this assembly at build time.</summary>
public static class ModuleUnderTest
{
    public static string ManifestPath => Metadata("ModuleManifest");

    public static string RepoRoot => Metadata("RepoRoot");

    private static string Metadata(string key) =>
        typeof(ModuleUnderTest).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == key).Value
        ?? throw new InvalidOperationException($"Assembly metadata {key} is missing.");
}
