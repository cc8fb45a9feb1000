namespace Julia.Infrastructure.Hosting;

/// <summary>Start-up choices that come from the command line rather than configuration.</summary>
internal sealed record StartupFlags(bool SeedDemoWhenEmpty, bool ChatConsole = false);
