using System.Globalization;
using System.Text.Json.Serialization;

namespace Julia.Shifts;

/// <summary>An open shift as Júlia presents it: full id, hospital and city, day, period and hours, sector, pay.</summary>
internal sealed record Shift(
    Guid Id, Guid EspecialidadeId, Guid HospitalId, string Hospital, string Cidade, string? Regiao, DateOnly Data,
    TimeOnly? HoraInicio, TimeOnly? HoraFim, string? Periodo, string? Setor, Guid? SetorId, int? Valor, string ValorTipo,
    int? ValorMinimo, int? ValorMaximo, string Prioridade, string Status)
{
    static readonly CultureInfo PtBr = CultureInfo.GetCultureInfo("pt-BR");

    [JsonIgnore] public DateOnly Day => Data;

    /// <summary>Start and end on the São Paulo wall clock; a shift ending at or before its start ends the next day.</summary>
    [JsonIgnore] public (DateTime Start, DateTime End) Window
    {
        get
        {
            var start = Data.ToDateTime(HoraInicio ?? TimeOnly.MinValue);
            var end = HoraFim is { } fim ? Data.ToDateTime(fim) : start.AddHours(24);
            if (end <= start) end = end.AddDays(1);
            return (start, end);
        }
    }

    [JsonIgnore] public string PayText => ValorTipo switch
    {
        "faixa" when ValorMinimo is { } min && ValorMaximo is { } max => $"R$ {min.ToString("N0", PtBr)} a R$ {max.ToString("N0", PtBr)}",
        "a_combinar" => "valor a combinar",
        _ => Valor is { } v ? $"R$ {v.ToString("N0", PtBr)}" : "valor a combinar",
    };

    /// <summary>"sexta-feira 12/12".</summary>
    [JsonIgnore] public string DayText => $"{PtBr.DateTimeFormat.GetDayName(Data.DayOfWeek)} {Data.ToString("dd'/'MM", CultureInfo.InvariantCulture)}";

    /// <summary>"07:00–19:00", or null without both hours.</summary>
    [JsonIgnore] public string? HoursText => HoraInicio is { } s && HoraFim is { } e
        ? $"{s.ToString("HH':'mm", CultureInfo.InvariantCulture)}–{e.ToString("HH':'mm", CultureInfo.InvariantCulture)}" : null;

    /// <summary>
    /// When, as a message to a doctor says it: "sexta-feira 12/12, noturno", with the hours when the shift has no period
    /// ("sexta-feira 12/12, 07:00–19:00"), or the day alone — a shift without a period read "sexta-feira 12/12, , R$ 2.500"
    /// in a follow-up (an audit of what people read, 2026-12-04).
    /// </summary>
    [JsonIgnore] public string WhenText =>
        !string.IsNullOrWhiteSpace(Periodo) ? $"{DayText}, {Periodo.Trim()}" : HoursText is { } hours ? $"{DayText}, {hours}" : DayText;

    /// <summary>One line for the agent's context and tool results, with the full id (docs/decisions.md#agent).</summary>
    public string Describe()
    {
        var when = string.Join(' ', new[] { Periodo?.Trim(), HoursText }.Where(p => !string.IsNullOrEmpty(p)));
        var sector = Setor is null ? "" : $", {Setor}";
        return $"vaga_id={Id} | {Hospital} ({Cidade}) | {DayText} | {when}{sector} | {PayText}";
    }
}

/// <summary>The doctor's side of a search: specialty, blocked hospitals and sectors, minimum pay.</summary>
internal sealed record ShiftSearch(
    Guid? EspecialidadeId, DateOnly? From = null, DateOnly? To = null, string? Periodo = null, string? CityOrRegion = null,
    int? ValorMinimo = null, int Limit = 5, IReadOnlyCollection<string>? BlockedHospitals = null,
    IReadOnlyCollection<string>? BlockedSectors = null);
