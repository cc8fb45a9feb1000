using Julia.Agent.Tools;
using Julia.Shifts;
using Microsoft.Extensions.AI;

namespace Julia.PromptReview;

/// <summary>
/// Júlia's tools for a replay: the same names, descriptions and schemas the live agent offers (taken from
/// <see cref="AgentToolbox"/>, so the model sees exactly the production list), but only `buscar_vagas` runs for real
/// — it only reads. Every tool that would change something answers a plausible result and does nothing: no
/// reservation, no reminder, no preference, no handoff, no opt-out. A tool added later is simulated by default.
/// </summary>
internal sealed class ReplayToolbox(AgentToolbox live, ShiftTools shifts, ShiftStore store, ILoggerFactory loggers)
{
    public const string Simulated = " (simulada)";

    /// <param name="calls">Receives the name of each tool the model calls, marked when simulated.</param>
    public IList<AITool> For(ICollection<string> calls)
    {
        var logger = loggers.CreateLogger<JuliaTool>();
        return [.. live.Tools.OfType<AIFunction>().Select(tool => (AITool)new JuliaTool(tool.Name, tool.Description,
            tool.JsonSchema.GetRawText(), (session, a, ct) => RunAsync(tool.Name, session, a, calls, ct), logger))];
    }

    async Task<string> RunAsync(string name, ToolSession session, ToolArguments a, ICollection<string> calls, CancellationToken ct)
    {
        lock (calls) calls.Add(name == "buscar_vagas" ? name : name + Simulated);
        switch (name)
        {
            case "buscar_vagas":
                return await shifts.SearchAsync(session, a, ct);
            case "reservar_plantao":
                return await ReserveAsync(session, a, ct);
            case "agendar_lembrete":
                return $"Lembrete agendado para {a.String("data_hora") ?? "o horário combinado"}.";
            case "atualizar_preferencias":
                return "Preferências atualizadas.";
            case "registrar_opt_out":
                if (!OptOutRules.CouldBeAnOptOut(session.DoctorText)) return OptOutRules.Refusal;
                session.TakeOver = new Agent.AgentOutcome.OptOut(a.String("motivo") ?? session.DoctorText);
                return "Registrado. A confirmação ao médico é enviada pelo sistema; não escreva mais nada.";
            case "solicitar_humano":
                session.TakeOver = new Agent.AgentOutcome.Handoff(a.String("tipo") ?? "baixa_confianca", a.String("motivo") ?? "pedido do agente");
                return "Registrado. Uma pessoa da equipe assume; a mensagem de transição é enviada pelo sistema.";
            default:
                return "Feito.";
        }
    }

    /// <summary>The live tool's refusals (they steer the model's next words), then a pre-reservation that is never written.</summary>
    async Task<string> ReserveAsync(ToolSession session, ToolArguments a, CancellationToken ct)
    {
        if (!Guid.TryParse(a.String("vaga_id"), out var vagaId)) return "vaga_id inválido: use o id completo que aparece na lista de plantões.";
        if (AcceptanceRules.IsSteering(session.DoctorText)) return "Recusado: a mensagem do médico não é uma aceitação de um plantão específico.";
        if (!AcceptanceRules.IsExplicitAcceptance(session.DoctorText)) return "Recusado: o médico ainda não aceitou explicitamente. Pergunte se pode reservar.";
        if (!session.WasOffered(vagaId)) return "Recusado: esse plantão não foi oferecido nesta conversa. Use buscar_vagas e ofereça antes.";
        if (Interlocked.Increment(ref session.Reservations) > 1) return "Recusado: só um plantão por vez. Confirme este antes de oferecer outro.";
        return await store.FindAsync(vagaId, ct) is { } shift
            ? $"Reservado: {shift.Describe()}. É uma pré-reserva: a equipe confirma com o médico."
            : "Esse plantão não existe mais.";
    }
}
