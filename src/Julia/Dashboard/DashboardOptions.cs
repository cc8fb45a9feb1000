namespace Julia.Dashboard;

internal sealed class DashboardOptions
{
    public const string Section = "Dashboard";
    /// <summary>LLM_PRECOS: `modelo=entrada/saida` in USD per million tokens (Infrastructure/Configuration/ModelPrices.cs).</summary>
    public string? Prices { get; set; }
}
