using System.Diagnostics;

namespace Julia.Infrastructure.Telemetry;

/// <summary>Júlia's own trace spans (`turno`, `agente`); Npgsql and ASP.NET Core add theirs beneath them.</summary>
internal static class JuliaTelemetry
{
    public const string SourceName = "Julia";
    public static readonly ActivitySource Source = new(SourceName);
}
