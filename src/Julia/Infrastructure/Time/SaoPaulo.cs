namespace Julia.Infrastructure.Time;

/// <summary>The business clock: America/Sao_Paulo (TIMEZONE), for anything a person sees or a rule depends on.</summary>
internal static class SaoPaulo
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");

    public static DateTimeOffset ToLocal(DateTimeOffset instant, TimeZoneInfo? zone = null) => TimeZoneInfo.ConvertTime(instant, zone ?? Zone);
}
