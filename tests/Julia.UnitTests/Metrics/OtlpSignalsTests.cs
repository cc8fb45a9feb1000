using System.Net;
using System.Net.Sockets;
using Julia.Infrastructure.Telemetry;
using Julia.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;

namespace Julia.UnitTests.Metrics;

/// <summary>
/// The per-signal OTLP endpoints are honoured (docs/decisions.md#configuration): an operator who sets only
/// OTEL_EXPORTER_OTLP_TRACES_ENDPOINT gets his spans at that URL, as written. Before, OTLP was switched on by the general
/// endpoint alone and the spans went nowhere, without a word.
/// </summary>
public sealed class OtlpSignalsTests
{
    [Fact]
    public async Task OnlyTheTracesEndpointSendsTheSpansThereAsWritten()
    {
        var port = FreePort();
        using var collector = new HttpListener();
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        var received = collector.GetContextAsync();

        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = $"http://127.0.0.1:{port}/coletor/spans",
            ["OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"] = "http/protobuf",
        });
        builder.AddMetrics();
        await using var services = builder.Services.BuildServiceProvider();
        var tracer = services.GetRequiredService<TracerProvider>();
        using (JuliaTelemetry.Source.StartActivity("turno")) { }
        var flushed = Task.Run(() => tracer.ForceFlush(10_000));

        var finished = await Task.WhenAny(received, Task.Delay(TimeSpan.FromSeconds(15)));
        Assert.True(finished == received, "no OTLP request reached the traces endpoint");
        var context = await received;
        Assert.Equal(("POST", "/coletor/spans"), (context.Request.HttpMethod, context.Request.Url!.AbsolutePath));
        context.Response.StatusCode = 200;
        context.Response.Close();
        await flushed;
    }

    [Fact]
    public void ASignalWithNoEndpointOfItsOwnNorTheGeneralOneIsNotSent()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = "http://tempo:4317",
        }).Build();

        Assert.Equal((true, false, false), (OtlpSignal.From(configuration, OtlpSignal.Traces) is not null,
            OtlpSignal.From(configuration, OtlpSignal.Metrics) is not null, OtlpSignal.From(configuration, OtlpSignal.Logs) is not null));
    }

    static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
