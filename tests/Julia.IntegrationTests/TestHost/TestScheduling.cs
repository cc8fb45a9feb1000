using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

// xUnit starts at most MaxParallelThreads tests at once (2 on a 2-core machine), and a test that is only waiting —
// the fault matrix's minutes of Redis or Evolution outage — still holds its place. Six places, and the longest
// classes first, let those waits overlap with the rest of the suite (docs/reliability.md, "Run time").
[assembly: CollectionBehavior(MaxParallelThreads = 6)]
[assembly: TestCollectionOrderer("Julia.IntegrationTests.TestHost.LongTestsFirst", "Julia.IntegrationTests")]

namespace Julia.IntegrationTests.TestHost;

/// <summary>
/// About how many minutes a test class spends, mostly waiting out a fault: the longest start first. Its tests carry the
/// trait `Category=LongRunning`, so a quick run can leave them out: `./test.sh --filter "Category!=LongRunning"`.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
[TraitDiscoverer("Julia.IntegrationTests.TestHost.LongRunningTrait", "Julia.IntegrationTests")]
public sealed class LongRunningAttribute(int minutes) : Attribute, ITraitAttribute
{
    public int Minutes { get; } = minutes;
}

/// <summary>`Category=LongRunning` for the tests of a <see cref="LongRunningAttribute"/> class (`dotnet test --filter`).</summary>
public sealed class LongRunningTrait : ITraitDiscoverer
{
    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute) => [new("Category", "LongRunning")];
}

/// <summary>Classes marked <see cref="LongRunningAttribute"/> start first, longest first; the others keep xUnit's own order.</summary>
public sealed class LongTestsFirst : ITestCollectionOrderer
{
    const string Prefix = "Test collection for ";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderByDescending(Minutes).ThenBy(c => c.UniqueID.ToString(), StringComparer.OrdinalIgnoreCase);

    static int Minutes(ITestCollection collection) =>
        collection.DisplayName.StartsWith(Prefix, StringComparison.Ordinal)
        && typeof(LongTestsFirst).Assembly.GetType(collection.DisplayName[Prefix.Length..]) is { } type
            ? type.GetCustomAttribute<LongRunningAttribute>()?.Minutes ?? 0
            : 0;
}
