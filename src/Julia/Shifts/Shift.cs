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

    /// <summary>"Hospital X (Santo André)", or the hospital alone when its city is empty (<see cref="HospitalPlace"/>).</summary>
    [JsonIgnore] public string Place => HospitalPlace.Of(Hospital, Cidade);

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

    /// <summary>Its start as an instant (the São Paulo wall clock of <see cref="Window"/>).</summary>
    [JsonIgnore] public DateTimeOffset StartsAt => new(Window.Start, Infrastructure.Time.SaoPaulo.Zone.GetUtcOffset(Window.Start));

    /// <summary>
    /// Why it cannot be reserved now for a doctor of <paramref name="doctorSpecialty"/> (null: not known), as both
    /// reservation paths ask it (Júlia's tool, staff's endpoint; docs/decisions.md#reservations): `outra_especialidade`,
    /// `ja_comecou`, `ja_reservada` (held or worked by someone), `nao_reservavel` (cancelled, a legacy status); null when it can.
    /// </summary>
    public string? ReservationRefusal(Guid? doctorSpecialty, DateTimeOffset now) =>
        doctorSpecialty is { } his && his != EspecialidadeId ? "outra_especialidade"
        : StartsAt <= now ? "ja_comecou"
        : Status is "aberta" or "anunciada" ? null
        : Status is "reservada" or "confirmada" or "realizada" ? "ja_reservada"
        : "nao_reservavel";

    /// <summary>"07:00–19:00", or null without both hours.</summary>
    [JsonIgnore] public string? HoursText => HoraInicio is { } s && HoraFim is { } e
        ? $"{s.ToString("HH':'mm", CultureInfo.InvariantCulture)}–{e.ToString("HH':'mm", CultureInfo.InvariantCulture)}" : null;

    /// <summary>
    /// The period with the hours ("noturno, 19:00–07:00"), the hours alone for a shift without a period ("07:00–19:00"),
    /// the period alone without hours, or null: the staff notices' "Período". A shift registered with hours and no period
    /// showed "Período: -" and no time anywhere in the Slack notice (an outside walk, 2026-12-05).
    /// </summary>
    [JsonIgnore] public string? PeriodText => (string.IsNullOrWhiteSpace(Periodo) ? null : Periodo.Trim(), HoursText) switch
    {
        ({ } p, { } h) => $"{p}, {h}",
        (null, { } h) => h,
        (var p, null) => p,
    };

    /// <summary>
    /// When, as a message to a doctor says it: "sexta-feira 12/12, noturno", with the hours when the shift has no period
    /// ("sexta-feira 12/12, 07:00–19:00"), or the day alone — a shift without a period read "sexta-feira 12/12, , R$ 2.500"
    /// in a follow-up (an audit of what people read, 2026-12-04).
    /// </summary>
    [JsonIgnore] public string WhenText =>
        !string.IsNullOrWhiteSpace(Periodo) ? $"{DayText}, {Periodo.Trim()}" : HoursText is { } hours ? $"{DayText}, {hours}" : DayText;

    /// <summary>One line for the agent's context and tool results, with the full id (docs/decisions.md#agent).</summary>
    public string Describe() => $"vaga_id={Id} | {Terms}";

    /// <summary>
    /// What a doctor is offered, without the id: "Hospital (cidade) | dia | período horas, setor | valor". Recorded with each
    /// reply that offers the shift (`termos_oferecidos`), so his later "quero" is checked against what he was told
    /// (docs/decisions.md#agent, "Terms changed since the offer"). Its parts are <see cref="TermParts"/>.
    /// </summary>
    [JsonIgnore] public string Terms
    {
        get
        {
            var when = string.Join(' ', new[] { Periodo?.Trim(), HoursText }.Where(p => !string.IsNullOrEmpty(p)));
            var sector = Setor is null ? "" : $", {Setor}";
            return string.Join(TermSeparator, Place, DayText, when + sector, PayText);
        }
    }

    /// <summary>Between the parts of <see cref="Terms"/>.</summary>
    public const string TermSeparator = " | ";

    /// <summary>What each part of <see cref="Terms"/> is, as the agent's tool result names a change (pt-BR).</summary>
    public static readonly string[] TermParts = ["local", "dia", "período/horário/setor", "valor"];
}

/// <summary>The doctor's side of a search: specialty, blocked hospitals and sectors, minimum pay.</summary>
internal sealed record ShiftSearch(
    Guid? EspecialidadeId, DateOnly? From = null, DateOnly? To = null, string? Periodo = null, string? CityOrRegion = null,
    int? ValorMinimo = null, int Limit = 5, IReadOnlyCollection<string>? BlockedHospitals = null,
    IReadOnlyCollection<string>? BlockedSectors = null, ShiftPreferences? OnlyFitting = null)
{
    /// <summary>
    /// What `buscar_vagas` without criteria finds for him, and the agent's context offers: his specialty, his minimum pay,
    /// his blocked hospitals and sectors (clashes with his holdings are the catalogue's part). Also `/reservar`'s list in
    /// Chatwoot (docs/decisions.md#reservations).
    /// </summary>
    public static ShiftSearch OfDoctor(Guid? especialidadeId, ShiftPreferences prefs, int limit) =>
        new(especialidadeId, ValorMinimo: prefs.ValorMinimo, Limit: limit, BlockedHospitals: prefs.BlockedHospitals, BlockedSectors: prefs.BlockedSectors);
}
