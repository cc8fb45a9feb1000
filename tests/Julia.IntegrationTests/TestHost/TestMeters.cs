using System.Diagnostics.Metrics;

namespace Julia.IntegrationTests.TestHost;

/// <summary>An <see cref="IMeterFactory"/> for clients built by hand in a test (outside a host).</summary>
public sealed class TestMeters : IMeterFactory
{
    public static readonly TestMeters Factory = new();

    public Meter Create(MeterOptions options) => new(options.Name, options.Version, options.Tags, scope: this);

    public void Dispose() { }
}
