using Xunit;
using Xunit.Abstractions;

[assembly: CollectionBehavior(DisableTestParallelization = true)]
[assembly: TestCollectionOrderer("QlikOAuth.Runspace.Tests.Infrastructure.LastCollectionOrderer", "QlikOAuth.Runspace.Tests")]

namespace QlikOAuth.Runspace.Tests.Infrastructure;

/// <summary>
/// Runs the collection named <see cref="Name"/> after all others, so the coverage test sees every cmdlet
/// the other tests ran. Tests run one collection at a time (the machine has two cores and each test
/// starts its own emulator and runspace anyway).
/// </summary>
public sealed class LastCollectionOrderer : ITestCollectionOrderer
{
    public const string Name = "Runs last";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(collection => collection.DisplayName.EndsWith(Name, StringComparison.Ordinal) ? 1 : 0)
            .ThenBy(collection => collection.DisplayName, StringComparer.Ordinal);
}
