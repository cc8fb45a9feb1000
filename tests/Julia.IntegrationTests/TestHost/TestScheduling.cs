using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

// xUnit starts at most MaxParallelThreads tests at once (2 on a 2-core machine), and a test that is only waiting —
// the fault matrix's minutes of Redis or Evolution outage — still holds its place. Six places, and the longest
// classes first, let those waits overlap with the rest of the suite (docs/reliability.md, "Run time").
[assembly: CollectionBehavior(MaxParallelThreads = 6)]
[assembly: TestCollectionOrderer("Julia.IntegrationTests.TestHost.LongTestsFirst", "Julia.IntegrationTests")]

namespace Julia.IntegrationTests.TestHost;

/// <summary>About how many minutes a test class spends, mostly waiting out a fault: the longest start first.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class LongRunningAttribute(int minutes) : Attribute
{
    public int Minutes { get; } = minutes;
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
