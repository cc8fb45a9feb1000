namespace Julia.Alerts;

internal sealed class AlertsOptions
{
    public const string Section = "Alerts";

    /// <summary>ALERTA_COOLDOWN_MINUTOS: the same `tipo` at most once in this many minutes, unless its severity rises.</summary>
    public int CooldownMinutes { get; set; } = 60;

    /// <summary>
    /// Internal `Alerts:DisconnectGraceSeconds`: `whatsapp_desconectado` goes out when the state is still not `open` this
    /// long after it changed — a reconnect (close → connecting → open in seconds) pages nobody.
    /// </summary>
    public int DisconnectGraceSeconds { get; set; } = 30;
}
