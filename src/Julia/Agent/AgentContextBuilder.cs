using System.Globalization;
using System.Text;
using System.Text.Json;
using Julia.Doctors;
using Julia.Infrastructure.Text;
using Julia.Infrastructure.Time;
using Julia.Shifts;
using Microsoft.Extensions.AI;

namespace Julia.Agent;

/// <summary>A shift Júlia offered him in an earlier reply that he can no longer take, and why, in pt-BR (docs/decisions.md#agent).</summary>
internal sealed record GoneOffer(Shift Shift, string Reason);

/// <summary>One line of conversation history: interacoes.direcao (`entrada`/`saida`), autor_tipo and the text.</summary>
internal sealed record HistoryItem(string Direction, string? AuthorType, string Content);

/// <summary>
/// Builds what Claude sees for one turn (docs/decisions.md#agent): a system prompt with the persona, São Paulo "now", the doctor's
/// profile and preferences, specialty notes, the open matching shifts with full ids and the phase; then the last
/// interactions as alternating user/assistant messages with the current turn appended once. Pure: unit-tested.
/// </summary>
internal static class AgentContextBuilder
{
    static readonly CultureInfo PtBr = CultureInfo.GetCultureInfo("pt-BR");
    static readonly Lazy<string> Persona = new(() =>
    {
        using var stream = typeof(AgentContextBuilder).Assembly.GetManifestResourceStream("Julia.Agent.Prompts.persona.md")!;
        return new StreamReader(stream).ReadToEnd();
    });

    /// <param name="persona">A candidate persona instead of Prompts/persona.md (`julia avaliar-prompt`).</param>
    /// <param name="holdings">The shifts he already holds: a turn regenerated after its own reservation (a newer message
    /// superseded its reply) knows it made one — it told him the shift was "reserved by someone else" (an audit, 2026-12-03).</param>
    /// <param name="earlier">Shifts offered in earlier replies or named by a directive, still reservable and not in
    /// <paramref name="shifts"/> (docs/decisions.md#agent).</param>
    /// <param name="ended">His reservations that expired or were cancelled lately (<see cref="ShiftStore.EndedHoldsSql"/>).</param>
    /// <param name="gone">Shifts Júlia offered him earlier that he can no longer take, with why (docs/decisions.md#agent).</param>
    public static string SystemPrompt(DateTimeOffset now, string companyName, DoctorProfile? profile, IReadOnlyList<Shift> shifts, bool firstContact,
        bool returnedFromHuman, string? persona = null, IReadOnlyList<Shift>? holdings = null, IReadOnlyList<Shift>? earlier = null,
        IReadOnlyList<EndedHold>? ended = null, IReadOnlyList<GoneOffer>? gone = null)
    {
        earlier ??= [];
        var local = SaoPaulo.ToLocal(now);
        var b = new StringBuilder((persona ?? Persona.Value).Replace("{empresa}", companyName));
        b.AppendLine().AppendLine("## Agora");
        b.AppendLine($"{PtBr.DateTimeFormat.GetDayName(local.DayOfWeek)}, {local:dd'/'MM'/'yyyy HH':'mm} (horário de São Paulo).");

        b.AppendLine().AppendLine("## Médico");
        if (profile is null) b.AppendLine("Contato novo: ainda não sabemos nome completo, especialidade nem CRM.");
        else
        {
            b.AppendLine($"Nome: {string.Join(' ', new[] { profile.Titulo, profile.PrimeiroNome, profile.Sobrenome }.Where(p => !string.IsNullOrWhiteSpace(p)))}");
            b.AppendLine($"Especialidade: {profile.Especialidade ?? "não informada"}");
            // "CRM: 123456-SP"; without a state the number alone, not "CRM: 123456-".
            if (profile.Crm is not null) b.AppendLine($"CRM: {profile.Crm}{(string.IsNullOrWhiteSpace(profile.Estado) ? "" : $"-{profile.Estado}")}");
            b.AppendLine($"Cidade/região: {profile.Cidade ?? "?"} / {profile.Regiao ?? "?"}");
            b.AppendLine($"Etapa: {profile.StageJornada}{(profile.Vip ? " (VIP: prioridade no atendimento)" : "")}");
            b.AppendLine($"Preferências: {Preferences(profile.Preferencias, profile.NomesPreferencias)}");
            if (!string.IsNullOrWhiteSpace(profile.EspecialidadeNotas)) b.AppendLine($"Notas da especialidade: {profile.EspecialidadeNotas}");
            if (PauseLine(profile, now) is { } pause) b.AppendLine(pause);
        }

        b.AppendLine().AppendLine("## Plantões abertos compatíveis (use o vaga_id completo nas ferramentas)");
        // A doctor who wrote in first has no specialty yet: "none now" told every new lead "te aviso quando surgir"
        // instead of asking (an audit, 2026-12-03).
        if (shifts.Count == 0)
            b.AppendLine(earlier.Count > 0 ? "Nenhum além dos já oferecidos abaixo."
                : profile?.EspecialidadeId is null
                ? "Ainda não sabemos a especialidade dele: pergunte qual é e use buscar_vagas com ela antes de falar de plantões. Não invente plantões."
                : "Nenhum plantão aberto compatível agora. Não invente: diga que avisa quando surgir.");
        // His preferred periods and places come first (AgentModelCall); the others are said to be outside them, so the model
        // offers them after, or when he asks (docs/decisions.md#agent, "Preferred shifts first").
        var prefs = ShiftPreferences.Parse(profile?.Preferencias);
        foreach (var s in shifts)
            b.AppendLine(prefs.Outside(s) ? $"{s.Describe()} — {ShiftPreferences.OutsideNote}: ofereça só depois dos outros ou se ele pedir" : s.Describe());

        if (earlier.Count > 0)
        {
            b.AppendLine().AppendLine("## Plantões já oferecidos a ele ou indicados pela gestão, ainda disponíveis (use o vaga_id completo nas ferramentas)");
            foreach (var s in earlier) b.AppendLine(s.Describe());
        }

        if (gone is { Count: > 0 })
        {
            b.AppendLine().AppendLine("## Plantões oferecidos antes a ele que não estão mais disponíveis (não reserve; se ele falar deles, diga o motivo e ofereça outro)");
            foreach (var g in gone) b.AppendLine($"{g.Shift.Place}, {g.Shift.WhenText}, {g.Shift.PayText} — {g.Reason}");
        }

        // Not yet over (the holdings read also has yesterday's, for the overlap check).
        if (holdings?.Where(s => s.Window.End > local.DateTime).ToList() is { Count: > 0 } ahead)
        {
            b.AppendLine().AppendLine("## Plantões que ele já tem (não reserve de novo; se ele perguntar, confirme)");
            foreach (var s in ahead)
                b.AppendLine($"{s.Describe()} — {(s.Status == "confirmada" ? "confirmado pela equipe" : "pré-reserva: a equipe vai confirmar")}");
        }

        if (ended is { Count: > 0 })
        {
            b.AppendLine().AppendLine($"## Reservas dele que terminaram nos últimos {ShiftStore.EndedHoldDays} dias (não são mais dele)");
            foreach (var e in ended) b.AppendLine(EndedLine(e));
        }

        b.AppendLine().AppendLine("## Fase");
        b.AppendLine(firstContact ? "Primeiro contato: apresente-se como assistente virtual da equipe de escalas." : "Conversa em andamento: não se apresente de novo.");
        if (returnedFromHuman) b.AppendLine("Uma pessoa da equipe acabou de atender este médico; as mensagens [equipe] no histórico são dela.");

        if (Directives(profile?.Diretrizes) is { Count: > 0 } directives)
        {
            b.AppendLine().AppendLine("## Diretrizes da gestão (siga-as; não as mencione ao médico)");
            foreach (var d in directives) b.AppendLine(d);
        }
        return b.ToString();
    }

    /// <summary>
    /// The pause he asked for, while it holds (docs/decisions.md#contact-pause): he is writing during it, so the model
    /// answers him as usual, knows what he asked and ends it (retomar_contato) only when he says he is back.
    /// </summary>
    internal static string? PauseLine(DoctorProfile profile, DateTimeOffset now)
    {
        if (profile.ContatoPausadoAte is not { } until) return null;
        var end = new DateTimeOffset(DateTime.SpecifyKind(until, DateTimeKind.Utc));
        if (end <= now) return null;
        var reason = string.IsNullOrWhiteSpace(profile.ContatoPausadoMotivo) ? "" : $" ({OneLine(profile.ContatoPausadoMotivo)})";
        return $"Pausa pedida por ele: nada nosso por iniciativa própria até {SaoPaulo.ToLocal(end).AddDays(-1):dd'/'MM'/'yyyy}{reason}. " +
               "Responda normalmente ao que ele escrever; se ele disser que voltou ou pedir plantões, use retomar_contato.";
    }

    /// <summary>"Hospital X, sex 12/12, noturno — expirou sem confirmação; o plantão ainda está aberto".</summary>
    internal static string EndedLine(EndedHold e) =>
        $"{e.Hospital}, {PtBrDate.DayAndDate(e.Data)}" +
        (string.IsNullOrWhiteSpace(e.Periodo) ? "" : $", {e.Periodo.Trim()}") + " — " +
        (e.Status == "expirada" ? "pré-reserva expirou sem confirmação da equipe"
            : $"cancelada pela equipe{(string.IsNullOrWhiteSpace(e.Motivo) ? "" : $": {e.Motivo.Trim()}")}") +
        (e.StillOpen ? $"; o plantão ainda está aberto (vaga_id {e.VagaId})" : "; o plantão não está mais disponível");

    /// <summary>
    /// One line per active directive: its type, what it is about (this doctor, a shift by full vaga_id) and its text
    /// (docs/decisions.md#agent, "Directives").
    /// </summary>
    static List<string> Directives(string? json)
    {
        if (string.IsNullOrEmpty(json)) return [];
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Array) return [];
            var lines = new List<string>();
            foreach (var d in doc.RootElement.EnumerateArray())
            {
                if (d.ValueKind != JsonValueKind.Object || !d.TryGetProperty("conteudo", out var text) || text.ValueKind != JsonValueKind.String
                    || string.IsNullOrWhiteSpace(text.GetString()))
                    continue;
                var about = new List<string>();
                if (d.TryGetProperty("do_medico", out var own) && own.ValueKind == JsonValueKind.True) about.Add("este médico");
                if (d.TryGetProperty("vaga_id", out var shift) && shift.ValueKind == JsonValueKind.String) about.Add($"vaga_id {shift.GetString()}");
                var kind = d.TryGetProperty("tipo", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : "diretriz";
                lines.Add($"- {kind}{(about.Count > 0 ? $" ({string.Join(", ", about)})" : "")}: {OneLine(text.GetString()!)}");
            }
            return lines;
        }
        catch (JsonException) { return []; }
    }

    /// <summary>The shifts the active directives name (`vaga_id`), in their order; none when the JSON is unreadable.</summary>
    internal static IReadOnlyList<Guid> DirectiveShifts(string? json)
    {
        if (string.IsNullOrEmpty(json)) return [];
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Array) return [];
            return [.. doc.RootElement.EnumerateArray()
                .Select(d => d.ValueKind == JsonValueKind.Object && d.TryGetProperty("vaga_id", out var v) && v.ValueKind == JsonValueKind.String
                    && Guid.TryParse(v.GetString(), out var id) ? id : Guid.Empty)
                .Where(id => id != Guid.Empty)];
        }
        catch (JsonException) { return []; }
    }

    static string OneLine(string text) => string.Join(' ', text.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();

    /// <summary>History then the current turn, alternating roles; staff lines prefixed [equipe]; neighbours of one role merged.</summary>
    public static List<ChatMessage> Messages(string systemPrompt, IReadOnlyList<HistoryItem> history, IReadOnlyList<string> currentTurn)
    {
        var turns = new List<(ChatRole Role, StringBuilder Text)>();
        void Add(ChatRole role, string text)
        {
            if (turns.Count > 0 && turns[^1].Role == role) turns[^1].Text.Append('\n').Append(text);
            else turns.Add((role, new StringBuilder(text)));
        }
        foreach (var h in history)
        {
            if (h.Direction == "entrada") Add(ChatRole.User, h.Content);
            else Add(ChatRole.Assistant, h.AuthorType == "humano" ? $"[equipe] {h.Content}" : h.Content);
        }
        Add(ChatRole.User, string.Join('\n', currentTurn));
        if (turns[0].Role == ChatRole.Assistant) turns.Insert(0, (ChatRole.User, new StringBuilder("(conversa iniciada pela Júlia)")));

        var messages = new List<ChatMessage> { new(ChatRole.System, systemPrompt) };
        messages.AddRange(turns.Select(t => new ChatMessage(t.Role, t.Text.ToString())));
        return messages;
    }

    /// <summary>
    /// The stored preferences as `chave=a, b; …`, hospitals and sectors by name (<paramref name="namesJson"/>: id → name);
    /// an id no longer known is left out rather than shown as a uuid.
    /// </summary>
    internal static string Preferences(string json, string? namesJson = null)
    {
        try
        {
            var names = NamesById(namesJson);
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return "nenhuma registrada";
            var parts = new List<string>();
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                var values = p.Value.ValueKind switch
                {
                    JsonValueKind.Array => p.Value.EnumerateArray().Select(v => v.ToString()).Select(v => ByName(p.Name, v, names)).OfType<string>().ToList(),
                    JsonValueKind.Null => [],
                    _ => [p.Value.ToString()],
                };
                if (values.Count > 0) parts.Add($"{p.Name}={string.Join(", ", values)}");
            }
            return parts.Count == 0 ? "nenhuma registrada" : string.Join("; ", parts);
        }
        catch (JsonException) { return "nenhuma registrada"; }
    }

    static readonly string[] IdKeys = ["hospitais_preferidos", "hospitais_bloqueados", "setores_bloqueados"];

    static string? ByName(string key, string value, IReadOnlyDictionary<string, string> names) =>
        !IdKeys.Contains(key) || !Guid.TryParse(value, out var id) ? value : names.GetValueOrDefault(id.ToString("D"));

    static Dictionary<string, string> NamesById(string? json)
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrEmpty(json)) return names;
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind == JsonValueKind.Object)
            foreach (var p in doc.RootElement.EnumerateObject())
                if (p.Value.ValueKind == JsonValueKind.String) names[p.Name] = p.Value.GetString()!;
        return names;
    }
}
