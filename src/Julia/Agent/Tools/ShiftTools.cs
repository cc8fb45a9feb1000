using Julia.Doctors;
using Julia.Shifts;
using Julia.Infrastructure.Text;

namespace Julia.Agent.Tools;

/// <summary>`buscar_vagas` and `reservar_plantao` with the server-side rules of docs/decisions.md#agent.</summary>
internal sealed partial class ShiftTools(
    ShiftStore store, ShiftCatalog catalog, DoctorDirectory doctors,
    TimeProvider time, ILogger<ShiftTools> logger)
{
    public const string SearchSchema = """
        {"type":"object","properties":{
          "especialidade":{"type":"string","description":"nome da especialidade; padrão: a do médico"},
          "data_de":{"type":"string","description":"AAAA-MM-DD"},"data_ate":{"type":"string","description":"AAAA-MM-DD"},
          "periodo":{"type":"string","description":"diurno, noturno, manhã, tarde, 24h"},
          "cidade":{"type":"string"},"regiao":{"type":"string"},
          "valor_minimo":{"type":"integer"},"limite":{"type":"integer","maximum":5}}}
        """;

    public const string ReserveSchema = """
        {"type":"object","properties":{
          "vaga_id":{"type":"string","description":"o vaga_id completo (uuid) de um plantão oferecido"},
          "confirmacao":{"type":"string","description":"as palavras do médico aceitando"}},
         "required":["vaga_id","confirmacao"]}
        """;

    /// <summary>A minimum pay the model asks for narrows the search; it never goes below the doctor's own minimum.</summary>
    static int? AtLeast(int? asked, int? doctorsMinimum) =>
        asked is { } a && doctorsMinimum is { } m ? Math.Max(a, m) : asked ?? doctorsMinimum;

    public async Task<string> SearchAsync(ToolSession session, ToolArguments a, CancellationToken ct)
    {
        var profile = session.Turn.Profile;
        var especialidadeId = profile?.EspecialidadeId;
        if (a.String("especialidade") is { Length: > 0 } name)
        {
            // An unknown name is said, not replaced by his own specialty: the model would offer those as the other's.
            if (await store.SpecialtyIdAsync(name, ct) is not { } other)
                return $"Não conheço a especialidade \"{TextPrefix.Of(name, 60)}\": busque sem especialidade (a do médico) ou com outro nome.";
            especialidadeId = other;
        }
        if (especialidadeId is null) return "Não sei a especialidade do médico: pergunte antes de buscar plantões.";
        // A date it cannot read is said, never dropped: the search ran without it and shifts of other days came back as
        // the answer to "tem no dia 12?" ("12/12/2026", an outside walk, 2026-12-05), as agendar_lembrete refuses one.
        if ((UnreadableDate(a, "data_de") ?? UnreadableDate(a, "data_ate")) is { } bad)
            return $"{bad} inválida: use AAAA-MM-DD (hoje é {Infrastructure.Time.SaoPaulo.ToLocal(session.Now(time)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}).";
        var prefs = ShiftPreferences.Parse(session.Preferences);
        var search = new ShiftSearch(especialidadeId, ParseDate(a.String("data_de")?.Trim()), ParseDate(a.String("data_ate")?.Trim()), a.String("periodo"),
            a.String("cidade") ?? a.String("regiao"), AtLeast(a.Int("valor_minimo"), prefs.ValorMinimo), Math.Clamp(a.Int("limite") ?? 5, 1, 5),
            prefs.BlockedHospitals, prefs.BlockedSectors);
        // His preferred periods and places first, the others marked (docs/decisions.md#agent, "Preferred shifts first"):
        // the criteria he gives narrow the search; his preferences only rank what it finds.
        var found = await catalog.SearchPreferredFirstAsync(search, prefs, await store.HoldingsAsync(session.Turn.Doctor.Id, ct), ct);
        session.Offer(found);
        if (found.Count == 0) return "Nenhum plantão aberto com esses critérios agora.";
        var list = string.Join('\n', found.Select(s => prefs.Outside(s) ? $"{s.Describe()} — {ShiftPreferences.OutsideNote}" : s.Describe()));
        // Another specialty than his registered one: listed (he may ask for a colleague, or work in it too), but
        // reservar_plantao refuses them — the model is told before it offers one as if he could take it.
        return profile?.EspecialidadeId is { } own && own != especialidadeId
            ? "Atenção: estes plantões são de outra especialidade, não da dele — ele não pode reservá-los por aqui. Se ele também " +
              "atua nessa especialidade, chame a equipe (solicitar_humano) para atualizar o cadastro.\n" + list
            : list;
    }

    public async Task<string> ReserveAsync(ToolSession session, ToolArguments a, CancellationToken ct)
    {
        var doctor = session.Turn.Doctor;
        if (!Guid.TryParse(a.String("vaga_id"), out var vagaId)) return "vaga_id inválido: use o id completo que aparece na lista de plantões.";
        // Already his (this turn was regenerated after reserving it, or he accepts again): say so, never "taken by someone else".
        if (session.Held(vagaId) is { } held)
            return $"Esse plantão já está reservado para ele ({held.Describe()}; {(held.Status == "confirmada" ? "confirmado pela equipe" : "pré-reserva: a equipe confirma")}). Não precisa reservar de novo.";
        if (AcceptanceRules.IsSteering(session.DoctorText)) return Refuse("Recusado: a mensagem do médico não é uma aceitação de um plantão específico.");
        if (!AcceptanceRules.IsExplicitAcceptance(session.DoctorText)) return Refuse("Recusado: o médico ainda não aceitou explicitamente. Pergunte se pode reservar.");
        if (!session.WasOffered(vagaId)) return Refuse("Recusado: esse plantão não foi oferecido nesta conversa. Use buscar_vagas e ofereça antes.");
        if (doctor.Bloqueado) return Refuse(NotForThisDoctor);
        // One reservation per turn: the slot is taken before the checks that read the database (two calls of one answer
        // run together) and given back by every path that did not reserve.
        if (Interlocked.Increment(ref session.Reservations) > 1)
        {
            Interlocked.Decrement(ref session.Reservations);
            return Refuse("Recusado: só um plantão por vez. Confirme este antes de oferecer outro.");
        }
        var reserved = false;
        try
        {
            var answer = await ReserveOfferedAsync(session, vagaId, a, ct);
            reserved = answer.Reserved;
            return answer.Text;
        }
        finally
        {
            if (!reserved) Interlocked.Decrement(ref session.Reservations);
        }

        string Refuse(string why)
        {
            LogReservationRefused(vagaId, why);
            return why;
        }
    }

    async Task<(bool Reserved, string Text)> ReserveOfferedAsync(ToolSession session, Guid vagaId, ToolArguments a, CancellationToken ct)
    {
        var doctor = session.Turn.Doctor;

        var shift = await store.FindAsync(vagaId, ct);
        if (shift is null) return (false, Gone);
        if (RefusalText(shift.ReservationRefusal(session.Turn.Profile?.EspecialidadeId, session.Now(time)), shift) is { } refused)
            return (false, refused);

        // He accepted what he was told: staff may have changed the pay, the day or the hours in their system since (a
        // cached list showed the old ones for up to CACHE_TTL_VAGAS, or the offer was a reply ago). Never hold a shift on
        // terms he did not accept; the model tells him what changed and asks again (docs/decisions.md#agent).
        if (session.TermsChangedSinceOffer(shift) is { } told) return (false, Refuse(TermsChanged(told, shift)));

        // His own words this turn, as staff will read them if he later says he never accepted — not the model's
        // `confirmacao`, which may paraphrase (docs/decisions.md#reservations).
        var confirmacao = TextPrefix.Of(session.DoctorText, 500);
        // A replay (`julia avaliar-prompt`): the reservation's own check (a clash with what he holds) on the turn's
        // holdings, and its words — nothing held, no effect, no cache dropped.
        if (session.Replay is not null)
            return session.Clash(shift) is { } clash
                ? (false, Clashes(clash))
                : (true, Reserved(shift));
        var result = await store.ReserveAsync(
            new ReservationRequest(vagaId, doctor.Id, session.Turn.ConversaId, confirmacao, AcceptedTerms: shift.Terms), ct);
        switch (result.Outcome)
        {
            case "reservada":
                session.HeldNow(shift);
                await catalog.InvalidateSpecialtyAsync(shift.EspecialidadeId);
                await doctors.InvalidateAsync(doctor);
                LogReserved(vagaId, doctor.Id, result.ReservationId!.Value);
                return (true, Reserved(shift));
            case "ja_reservada":
                return (false, Taken);
            case "condicoes_mudaram":
                return (false, Refuse(TermsChanged(shift.Terms, result.Shift!)));
            case "conflito":
                return (false, Clashes(result.ClashWith!));
            case "medico_bloqueado":
            case "medico_nao_encontrado":
                // Blocked, removed or erased since the turn read him (docs/decisions.md#reservations).
                return (false, Refuse(NotForThisDoctor));
            case "outra_especialidade" or "ja_comecou" or "nao_reservavel":
                // The locked row refused what the check above let through: staff changed the shift in between, or it
                // started (docs/decisions.md#reservations, "The shift read again under the lock").
                return (false, RefusalText(result.Outcome, result.Shift ?? shift)!);
            default:
                return (false, Gone);
        }

        string Refuse(string why)
        {
            LogReservationRefused(vagaId, why);
            return why;
        }

        // What the model is told of one of Shift.ReservationRefusal's reasons (null: none).
        string? RefusalText(string? why, Shift now) => why switch
        {
            null => null,
            "outra_especialidade" => Refuse("Recusado: o plantão é de outra especialidade."),
            "ja_comecou" => "Esse plantão já começou ou passou.",
            "nao_reservavel" when now.Status == "cancelada" => "Esse plantão foi cancelado pela equipe: não está mais disponível.",
            _ => Taken,
        };
    }

    const string Taken = "Essa vaga já foi reservada por outra pessoa.", Gone = "Esse plantão não existe mais.",
        NotForThisDoctor = "Não é possível reservar para este médico; chame a equipe (solicitar_humano).";
    static string Reserved(Shift shift) => $"Reservado: {shift.Describe()}. É uma pré-reserva: a equipe confirma com o médico.";
    static string Clashes(Shift held) => $"Recusado: conflita com um plantão que o médico já tem ({held.Describe()}).";

    /// <summary>The tool's answer when the shift's terms differ from those he was told: each changed part, old and new.</summary>
    static string TermsChanged(string told, Shift now)
    {
        var before = told.Split(Shift.TermSeparator);
        var after = now.Terms.Split(Shift.TermSeparator);
        var changes = before.Length == after.Length && after.Length == Shift.TermParts.Length
            ? string.Join("; ", Enumerable.Range(0, after.Length).Where(i => before[i] != after[i])
                .Select(i => $"{Shift.TermParts[i]}: era {before[i]}, agora {after[i]}"))
            : $"oferecido: {told}";
        return $"Não reservado: as condições desse plantão mudaram desde que foi oferecido ao médico ({changes}). Agora: {now.Describe()}. " +
            "Conte a ele o que mudou e pergunte se ainda quer; só reserve com um novo sim dele a essas condições.";
    }

    /// <summary>The key when it holds something that is not an AAAA-MM-DD date; null when it is one, or absent or blank.</summary>
    static string? UnreadableDate(ToolArguments a, string key) =>
        a.String(key) is { } text && !string.IsNullOrWhiteSpace(text) && ParseDate(text.Trim()) is null ? key : null;

    static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d) ? d : null;

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Plantão reservado: vaga {VagaId} for medico {MedicoId} (reserva {ReservaId})")]
    private partial void LogReserved(Guid vagaId, Guid medicoId, Guid reservaId);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Warning, Message = "reservar_plantao refused for vaga {VagaId}: {Reason}")]
    private partial void LogReservationRefused(Guid vagaId, string reason);
}
