namespace Julia.Infrastructure.Hosting;

/// <summary>Start-up choices that come from the command line rather than configuration.</summary>
/// <param name="ReadOnly">`julia avaliar-prompt`: every Postgres session is read-only at the server and no WhatsApp is reachable.</param>
internal sealed record StartupFlags(bool SeedDemoWhenEmpty, bool ChatConsole = false, bool ReadOnly = false);
