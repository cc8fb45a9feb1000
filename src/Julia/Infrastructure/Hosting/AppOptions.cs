namespace Julia.Infrastructure.Hosting;

internal sealed class AppOptions
{
    public const string Section = "App";
    public string Environment { get; set; } = "development";
    public string Name { get; set; } = "Agente Júlia";
    /// <summary>NOME_EMPRESA's default: the one place the company name is written.</summary>
    public const string DefaultCompanyName = "Revoluna";
    public string CompanyName { get; set; } = DefaultCompanyName;
    public bool Debug { get; set; }
    /// <summary>
    /// HUMANIZAR: human-like deliberate delays — the reply's read and typing times, "digitando…" before every send, the
    /// default debounce (docs/decisions.md#humanised-delays). Conversations and Queue both read it from here.
    /// </summary>
    public bool Humanize { get; set; } = true;
    public bool IsProduction => Environment.Equals("production", StringComparison.OrdinalIgnoreCase);
}

internal sealed class HttpOptions
{
    public const string Section = "Http";
    public int Port { get; set; } = 8000;
    public string Host { get; set; } = "127.0.0.1";
}

internal sealed class WorkersOptions
{
    public const string Section = "Workers";
    public int MaxWorkers { get; set; } = 4;
}
