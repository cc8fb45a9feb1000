namespace Julia.Metrics;

internal static class MetricsExtensions
{
    public static void AddMetrics(this IHostApplicationBuilder builder) => builder.Services.AddSingleton<OperationTimings>();
}
