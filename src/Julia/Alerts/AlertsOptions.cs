namespace Julia.Alerts;

internal sealed class AlertsOptions
{
    public const string Section = "Alerts";

    /// <summary>ALERTA_COOLDOWN_MINUTOS: the same `tipo` at most once in this many minutes, unless its severity rises.</summary>
    public int CooldownMinutes { get; set; } = 60;
}
