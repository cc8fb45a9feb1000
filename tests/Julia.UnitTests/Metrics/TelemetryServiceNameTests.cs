using Julia.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Julia.UnitTests.Metrics;

/// <summary>
/// The service name the traces and metrics go out with: OTEL_SERVICE_NAME when the operator sets it (two deployments
/// sending to one collector), "julia" otherwise. A fixed "julia" added after the library's own reading replaced it.
/// </summary>
public sealed class TelemetryServiceNameTests
{
    static string? ServiceNameOf(Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddMetrics();
        using var services = builder.Services.BuildServiceProvider();
        var resource = services.GetRequiredService<TracerProvider>().GetResource();
        return resource.Attributes.FirstOrDefault(a => a.Key == "service.name").Value as string;
    }

    [Fact]
    public void TheOperatorsServiceNameIsTheOneSent() =>
        Assert.Equal("julia-homologacao", ServiceNameOf(new() { ["OTEL_SERVICE_NAME"] = "julia-homologacao" }));

    [Fact]
    public void WithoutOneTheServiceIsJulia() =>
        Assert.Equal("julia", ServiceNameOf([]));
}
