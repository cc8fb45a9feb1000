using System.Globalization;
using System.Text.Json;
using Julia.Doctors;
using Julia.Handoffs;
using Julia.Infrastructure.Time;
using Julia.Queue;
using Julia.Shifts;
using Npgsql;
using Julia.Infrastructure.Text;

namespace Julia.Agent.Tools;

/// <summary>`agendar_lembrete`, `atualizar_preferencias`, `registrar_opt_out`, `solicitar_humano` (docs/decisions.md#agent).</summary>
internal sealed partial class ConversationTools(
    NpgsqlDataSource db, QueueStore queue, DoctorStore doctorStore, DoctorDirectory doctors, ContactPauses pauses, ShiftStore shifts,
    BusinessHours businessHours, TimeProvider time, ILogger<ConversationTools> logger)
{
    [LoggerMessage(EventId = 2204, Level = LogLevel.Warning, Message = "registrar_opt_out refused: the doctor's message this turn does not ask to stop")]
    private partial void LogOptOutRefused();

    public const string ReminderSchema = """
        {"type":"object","properties":{
          "data_hora":{"type":"string","description":"data e hora, ISO 8601; sem fuso = horário de São Paulo"},
          "contexto":{"type":"string","description":"o que foi combinado, em poucas palavras"},
          "mensagem_retorno":{"type":"string","description":"texto opcional a enviar"},
          "vaga_id":{"type":"string","description":"vaga_id completo quando o lembrete é sobre um plantão (um que ele reservou ou que foi oferecido a ele): se o plantão mudar de data, for cancelado ou deixar de ser dele, o lembrete acompanha"}},
         "required":["data_hora","contexto"]}
        """;

    public const string PreferencesSchema = """
        {"type":"object","properties":{
          "turnos":{"type":"array","items":{"type":"string"}},"regioes":{"type":"array","items":{"type":"string"}},
          "dias_preferidos":{"type":"array","items":{"type":"string"}},"valor_minimo":{"type":"integer"},
          "hospitais_preferidos":{"type":"array","items":{"type":"string"}},"hospitais_bloqueados":{"type":"array","items":{"type":"string"}},
          "setores_bloqueados":{"type":"array","items":{"type":"string"}}}}
        """;

    public const string OptOutSchema = """{"type":"object","properties":{"motivo":{"type":"string"}},"required":["motivo"]}""";

    public const string HumanSchema = """
        {"type":"object","properties":{
          "tipo":{"type":"string","enum":["pedido_humano","baixa_confianca","juridico","sentimento_negativo"]},
          "motivo":{"type":"string"}},"required":["tipo","motivo"]}
        """;

    static readonly TimeSpan MinAhead = TimeSpan.FromMinutes(5), MaxAhead = TimeSpan.FromDays(30);

    public async Task<string> ScheduleReminderAsync(ToolSession session, ToolArguments a, CancellationToken ct)
    {
        // The queue blocks every proactive message to him: "agendado" would be a promise nobody keeps (an audit, 2026-12-03).
        if (session.Turn.Doctor.OptedOut)
            return "Não dá para agendar: ele pediu para não receber mensagens nossas (opt-out). Diga que ele pode chamar aqui quando quiser.";
        if (session.Turn.Doctor.Bloqueado)
            return "Não dá para agendar lembrete para este médico; se ele precisar de retorno, chame a equipe (solicitar_humano).";
        var text = a.String("data_hora");
        if (!SaoPaulo.TryParseIso(text, out var at)) return "data_hora inválida: use AAAA-MM-DDTHH:MM (horário de São Paulo).";
        var now = session.Now(time);
        // Counted in the minutes the prompt shows ("10:00" until 10:00:59): "daqui 5 minutos" asked at 10:00:15 is 10:05,
        // and was refused as 4 min 45 s ahead (docs/decisions.md#agent, agendar_lembrete).
        var shownNow = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMinute));
        if (at < shownNow + MinAhead) return "Horário precisa ser pelo menos 5 minutos à frente.";
        if (at > now + MaxAhead) return "Só consigo agendar até 30 dias à frente.";
        if (!businessHours.IsOpen(at))
        {
            // The nearer of the last open minute before it and the next opening, among the times this tool accepts.
            if (businessHours.NearestOpenMinute(at, now + MinAhead, now + MaxAhead) is not { } nearest)
                return $"Fora do horário comercial ({businessHours.Describe()}), e não há horário válido até 30 dias à frente.";
            return $"Fora do horário comercial ({businessHours.Describe()}). O horário válido mais próximo é " +
                   $"{PtBrDate.DayDateAndTime(SaoPaulo.ToLocal(nearest, businessHours.Zone))}; pergunte se serve.";
        }
        var doctor = session.Turn.Doctor;
        var tie = await ShiftTieAsync(session, a, at, now, ct);
        if (tie.Refusal is { } refusal) return refusal;
        var contexto = a.String("contexto") is { } c && !string.IsNullOrWhiteSpace(c) ? TextPrefix.Of(c.Trim(), MaxContextChars) : null;
        // The reminder goes out as one WhatsApp message, past the reply splitter: the model's own text only when it is
        // as short as a reply's chunks together (docs/decisions.md#agent); otherwise the standard one, and the model is told.
        var custom = a.String("mensagem_retorno")?.Trim();
        var tooLong = custom is { Length: > MaxReminderChars };
        var message = custom is { Length: > 0 } && !tooLong ? custom
            : DefaultReminderText(DoctorSalutation.Of(session.Turn.Profile?.Titulo, doctor.PrimeiroNome), contexto);
        // A replay (`julia avaliar-prompt`) has checked all a live turn checks and answers its words: only the queue row is not written.
        if (session.Replay is null)
        {
            await using var connection = await db.OpenConnectionAsync(ct);
            await using var tx = await connection.BeginTransactionAsync(ct);
            await queue.ReplaceReminderAsync(tx, new NewQueueItem(doctor.Id, session.Turn.ConversaId, QueueKinds.Reminder, message, at,
                Metadata: ReminderMetadata(contexto, now, tie.Shift, tie.Kind)), ct);
            await tx.CommitAsync(ct);
        }
        var scheduled = $"Lembrete agendado para {PtBrDate.DayDateAndTime(SaoPaulo.ToLocal(at))}.";
        return tooLong ? $"{scheduled} A mensagem_retorno passou de {MaxReminderChars} caracteres e foi trocada pela mensagem padrão." : scheduled;
    }

    /// <summary>
    /// The shift a reminder is about (`vaga_id`, optional; docs/decisions.md#proactive, "A reminder follows its shift"): one he
    /// holds now, or one offered to him in this conversation and still open. Any other id is refused, and nothing is queued:
    /// a reminder the model believes tied to a shift but that is not would still say "plantão de sábado" after staff moved
    /// or cancelled it — the model asks again with the right id, or without one.
    /// </summary>
    async Task<(Shift? Shift, string? Kind, string? Refusal)> ShiftTieAsync(ToolSession session, ToolArguments a, DateTimeOffset at, DateTimeOffset now,
        CancellationToken ct)
    {
        if (a.String("vaga_id")?.Trim() is not { Length: > 0 } text) return (null, null, null);
        const string Unknown = "vaga_id não é de um plantão que ele reservou nem de um oferecido a ele nesta conversa: nada foi agendado. " +
                               "Use o vaga_id completo de um desses, ou agende sem vaga_id.";
        if (!Guid.TryParse(text, out var id) || await shifts.FindAsync(id, ct) is not { } shift) return (null, null, Unknown);
        if (shift.StartsAt <= now || shift.Status == "cancelada")
            return (null, null, "Esse plantão já começou ou foi cancelado: nada foi agendado. Se ele quiser outro lembrete, agende sem vaga_id.");
        if (at >= shift.StartsAt)
            return (null, null, $"O lembrete ficaria depois do início do plantão ({shift.WhenText}): nada foi agendado. Escolha um horário antes.");
        if (await shifts.IsHeldByAsync(id, session.Turn.Doctor.Id, ct)) return (shift, ReminderShiftCheck.Held, null);
        if (!session.WasOffered(id)) return (null, null, Unknown);
        return shift.ReservationRefusal(null, now) is null
            ? (shift, ReminderShiftCheck.Offered, null)
            : (null, null, "Esse plantão não está mais disponível para ele: nada foi agendado. Se ele quiser, agende sem vaga_id.");
    }

    /// <summary>
    /// A reminder's metadata; tied to a shift, also the shift (`vaga_id`), the terms it had (`termos_oferecidos`), its day
    /// and hours (`vaga_quando`) and how it was his (`vinculo_vaga`), read again at the send (<see cref="ReminderShiftCheck"/>).
    /// </summary>
    static Dictionary<string, object?> ReminderMetadata(string? contexto, DateTimeOffset now, Shift? shift, string? kind)
    {
        var metadata = new Dictionary<string, object?> { ["contexto"] = contexto ?? "nossa conversa", ["solicitado_em"] = now };
        if (shift is null) return metadata;
        metadata[QueueStore.NamedShiftKey] = shift.Id;
        metadata[QueueStore.OfferedTermsKey] = new Dictionary<string, string> { [shift.Id.ToString()] = shift.Terms };
        metadata[ReminderShiftCheck.WhenKeyKey] = ReminderShiftCheck.WhenKey(shift);
        metadata[ReminderShiftCheck.TieKey] = kind;
        return metadata;
    }

    /// <summary>
    /// The standard reminder (docs/decisions.md#agent): "Oi Dr. André, tudo bem? Passando pra retomar o que a gente
    /// combinou sobre plantões de UTI." Without a name it greets "Oi, tudo bem?" — not "Oi Dr(a)", which no one says —
    /// and without a subject it resumes "nossa conversa" — not "o que a gente combinou sobre nossa conversa".
    /// </summary>
    internal static string DefaultReminderText(string? salutation, string? subject)
    {
        var greeting = string.IsNullOrWhiteSpace(salutation) ? "Oi" : $"Oi {salutation.Trim()}";
        var about = string.IsNullOrWhiteSpace(subject) ? "nossa conversa" : $"o que a gente combinou sobre {subject.Trim().TrimEnd('.', '!', ';', ',')}";
        return $"{greeting}, tudo bem? Passando pra retomar {about}.";
    }

    /// <summary>A reminder's own text: at most what a reply's chunks carry together (4 × 150).</summary>
    const int MaxReminderChars = 600;
    const int MaxContextChars = 200;

    /// <summary>Bounds of `atualizar_preferencias` (docs/decisions.md#agent): a minimum pay in whole BRL, lists of short names.</summary>
    const int MaxValorMinimo = 100_000, MaxListItems = 20, MaxItemChars = 80;

    public async Task<string> UpdatePreferencesAsync(ToolSession session, ToolArguments a, CancellationToken ct)
    {
        var patch = new Dictionary<string, object?>();
        var invalid = new List<string>();
        foreach (var key in new[] { "turnos", "regioes", "dias_preferidos" })
            if (Names(a, key, invalid) is { Count: > 0 } values) patch[key] = values;
        if (a.Has("valor_minimo"))
        {
            if (a.Int("valor_minimo") is { } min and >= 0 and <= MaxValorMinimo) patch["valor_minimo"] = min;
            else invalid.Add($"valor_minimo (um valor inteiro em reais, de 0 a {MaxValorMinimo})");
        }
        var unknown = new List<string>();
        foreach (var (key, table) in new[] { ("hospitais_preferidos", "hospitais"), ("hospitais_bloqueados", "hospitais"), ("setores_bloqueados", "setores") })
        {
            if (Names(a, key, invalid) is not { Count: > 0 } refs) continue;
            var (ids, missing) = await shifts.ResolveAsync(table, refs, ct);
            if (ids.Count > 0) patch[key] = ids;
            unknown.AddRange(missing);
        }
        var notes = (unknown.Count > 0 ? $" Não reconheci: {string.Join(", ", unknown)}." : "")
                    + (invalid.Count > 0 ? $" Inválido, não salvo: {string.Join("; ", invalid)}." : "");
        if (patch.Count == 0) return notes.Length > 0 ? notes.TrimStart() : "Nada para atualizar.";
        // A search later in this turn bounds itself by these (a doctor-side walk, 2026-12-03: the turn's first read was used).
        // A replay (`julia avaliar-prompt`) keeps them in its session only: each list replaces the stored one, as the update does.
        if (session.Replay is not null) session.Preferences = MergedInMemory(session.Preferences, patch);
        else
        {
            session.Preferences = await doctorStore.MergePreferencesAsync(session.Turn.Doctor.Id, JsonSerializer.Serialize(patch), ct);
            await doctors.InvalidateAsync(session.Turn.Doctor);
        }
        return $"Preferências atualizadas ({string.Join(", ", patch.Keys)}).{notes}";
    }

    /// <summary>The stored preferences with the patch's keys replaced, as `preferencias_detectadas || patch` leaves them.</summary>
    internal static string MergedInMemory(string? stored, Dictionary<string, object?> patch)
    {
        System.Text.Json.Nodes.JsonObject merged;
        try { merged = System.Text.Json.Nodes.JsonNode.Parse(stored ?? "{}") as System.Text.Json.Nodes.JsonObject ?? []; }
        catch (JsonException) { merged = []; }
        foreach (var (key, value) in patch) merged[key] = JsonSerializer.SerializeToNode(value);
        return merged.ToJsonString();
    }

    /// <summary>A list of short names (or one name); anything else — an object, numbers in place of names, too many — is reported.</summary>
    static IReadOnlyList<string>? Names(ToolArguments a, string key, List<string> invalid)
    {
        if (!a.Has(key)) return null;
        if (a.Strings(key) is { } names && names.Count <= MaxListItems && names.All(n => n.Length <= MaxItemChars)) return names;
        invalid.Add($"{key} (uma lista de até {MaxListItems} nomes curtos)");
        return null;
    }

    public const string PauseSchema = """
        {"type":"object","properties":{
          "ate":{"type":"string","description":"primeiro dia em que podemos voltar a procurá-lo, AAAA-MM-DD (calendário de São Paulo); por exemplo, 'só depois do carnaval' → o dia seguinte à quarta-feira de cinzas, 'em março' → o dia 1º de março"},
          "motivo":{"type":"string","description":"por que ele pediu a pausa, em poucas palavras (ex.: 'licença maternidade', 'fazendo residência até julho')"}},
         "required":["ate","motivo"]}
        """;

    public const string ResumeSchema = """{"type":"object","properties":{}}""";

    /// <summary>
    /// `pausar_contato` (docs/decisions.md#contact-pause): he asked not to be contacted for a while — not an opt-out. From
    /// the day given (São Paulo 00:00) campaigns and follow-ups reach him again; until then they skip him, and what is
    /// queued ends unsent. The rules are staff's too (<see cref="PauseRules"/>): a day not ahead, past
    /// <see cref="PauseRules.MaxMonths"/> months or without a reason is refused and nothing is recorded: the model tells
    /// him what it recorded, so it must be what the tool stored (a clamped date would have him told "até dezembro" while
    /// the pause ended earlier).
    /// </summary>
    public async Task<string> PauseContactAsync(ToolSession session, ToolArguments a, CancellationToken ct)
    {
        var doctor = session.Turn.Doctor;
        var motivo = a.String("motivo")?.Trim();
        var today = PauseRules.Today(session.Now(time));
        var day = PauseRules.ParseIso(a.String("ate"));
        switch (PauseRules.Check(doctor.OptedOut, motivo, day, today))
        {
            case PauseRefusal.OptedOut:
                return "Não há o que pausar: ele já pediu para não receber mensagens nossas (opt-out). Nada foi registrado.";
            case PauseRefusal.NoReason:
                return "motivo obrigatório (por que ele pediu a pausa, em poucas palavras): nada foi registrado. Chame de novo com o motivo.";
            case PauseRefusal.Unreadable:
                return "ate inválido (use AAAA-MM-DD, o primeiro dia em que podemos voltar a procurá-lo): nada foi registrado.";
            case PauseRefusal.NotAhead:
                return $"ate precisa ser uma data futura (hoje é {today:dd'/'MM'/'yyyy}): nada foi registrado.";
            case PauseRefusal.TooFar:
                return $"A pausa vai no máximo até {PauseRules.Latest(today):dd'/'MM'/'yyyy} ({PauseRules.MaxMonths} meses): nada foi registrado. " +
                       "Proponha essa data a ele (depois ele pode pedir de novo), ou registre-a se ele já disse que tanto faz.";
        }
        var until = day!.Value;
        // A replay (`julia avaliar-prompt`) has checked all a live turn checks and answers its words: nothing is stored.
        if (session.Replay is null)
        {
            if (!await pauses.PauseAsync(doctor.Id, until, motivo!, staff: null, ct))
                return "Não consegui registrar a pausa. Não prometa nada: diga que vai avisar a equipe.";
            LogPaused(doctor.Id, until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        return $"Pausa registrada: nenhuma campanha, follow-up ou oferta nossa até {until.AddDays(-1):dd'/'MM'/'yyyy}; a partir de " +
               $"{until:dd'/'MM'/'yyyy} podemos procurá-lo de novo. Se ele escrever antes, você responde normalmente, e lembretes " +
               "que ele pedir continuam valendo. Confirme a ele em palavras simples, com o mês ou a data.";
    }

    /// <summary>
    /// `retomar_contato` (docs/decisions.md#contact-pause): he says he is back ("voltei, tem plantão?") before the date:
    /// the pause ends now. Writing alone does not end it — a "valeu!" right after asking for it must not.
    /// </summary>
    public async Task<string> ResumeContactAsync(ToolSession session, ToolArguments a, CancellationToken ct)
    {
        var doctor = session.Turn.Doctor;
        // A replay (`julia avaliar-prompt`) reads the pause the turn's profile shows and clears nothing.
        var was = session.Replay is not null
            ? session.Turn.Profile?.ContatoPausadoAte is { } ate && ate > session.Now(time).UtcDateTime ? PauseRules.DayOf(ate) : (DateOnly?)null
            : await pauses.ResumeAsync(doctor.Id, staff: null, ct);
        if (was is null) return "Não havia pausa em vigor: nada mudou.";
        if (session.Replay is null) LogResumed(doctor.Id);
        return $"Pausa encerrada (ia até {was.Value.AddDays(-1):dd'/'MM'/'yyyy}): ele volta a receber ofertas e campanhas.";
    }

    [LoggerMessage(EventId = 2205, Level = LogLevel.Information, Message = "pausar_contato: medico {MedicoId} asked for no proactive message before {Ate}")]
    private partial void LogPaused(Guid medicoId, string ate);

    [LoggerMessage(EventId = 2206, Level = LogLevel.Information, Message = "retomar_contato: medico {MedicoId} is back; his pause ended early")]
    private partial void LogResumed(Guid medicoId);

    public Task<string> OptOutAsync(ToolSession session, ToolArguments a, CancellationToken ct)
    {
        if (!OptOutRules.CouldBeAnOptOut(session.DoctorText))
        {
            LogOptOutRefused();
            return Task.FromResult(OptOutRules.Refusal);
        }
        session.TakeOver = new AgentOutcome.OptOut(session.DoctorText);   // his text, not the model's summary (docs/decisions.md#opt-out)
        return Task.FromResult("Registrado. A confirmação ao médico é enviada pelo sistema; não escreva mais nada.");
    }

    public Task<string> RequestHumanAsync(ToolSession session, ToolArguments a, CancellationToken ct)
    {
        var tipo = a.String("tipo") is { } t && HandoffTriggers.RequestableByAgent.Contains(t) ? t : HandoffTriggers.LowConfidence;
        session.TakeOver = new AgentOutcome.Handoff(tipo, a.String("motivo") ?? "pedido do agente");
        return Task.FromResult("Registrado. Uma pessoa da equipe assume; a mensagem de transição é enviada pelo sistema.");
    }
}
