using Microsoft.Extensions.AI;

namespace Julia.Agent.Tools;

/// <summary>
/// The eight tools of docs/decisions.md#agent, built once: each acts on the turn whose model call invokes it
/// (<see cref="ToolSession.Current"/>).
/// </summary>
internal sealed class AgentToolbox(ShiftTools shifts, ConversationTools conversation, ILoggerFactory loggers)
{
    public IList<AITool> Tools { get; } = Build(shifts, conversation, loggers.CreateLogger<JuliaTool>());

    static IList<AITool> Build(ShiftTools shifts, ConversationTools conversation, ILogger logger)
    {
        JuliaTool Tool(string name, string description, string schema, Func<ToolSession, ToolArguments, CancellationToken, Task<string>> run,
            ToolReplay replay) => new(name, description, schema, run, logger, replay);
        return
        [
            Tool("buscar_vagas", "Busca plantões abertos compatíveis com o médico (especialidade dele por padrão). Devolve linhas com vaga_id completo.",
                ShiftTools.SearchSchema, shifts.SearchAsync, ToolReplay.Reads),
            Tool("reservar_plantao", "Pré-reserva um plantão oferecido, só depois de um sim explícito do médico.",
                ShiftTools.ReserveSchema, shifts.ReserveAsync, ToolReplay.ChecksOnly),
            Tool("agendar_lembrete", "Agenda um retorno que o médico pediu (horário de São Paulo, dentro do horário comercial). " +
                "Se o lembrete é sobre um plantão (um que ele reservou ou que você ofereceu), passe o vaga_id dele.",
                ConversationTools.ReminderSchema, conversation.ScheduleReminderAsync, ToolReplay.ChecksOnly),
            Tool("atualizar_preferencias", "Guarda preferências que o médico contou (turnos, regiões, dias, valor mínimo, hospitais, setores). " +
                "Cada lista enviada substitui a que estava guardada: envie a lista completa (as atuais estão em Preferências, no contexto); " +
                "o que você não enviar fica como estava.",
                ConversationTools.PreferencesSchema, conversation.UpdatePreferencesAsync, ToolReplay.ChecksOnly),
            Tool("pausar_contato", "O médico pediu um tempo sem contato ('nos próximos 6 meses não quero nada', 'só depois do carnaval', " +
                "'tô de licença até agosto'): nenhuma campanha, follow-up ou oferta nossa até a data. Não é opt-out (ele quer ser procurado " +
                "depois) nem um 'não' a uma oferta. Se ele disser que voltou antes, use retomar_contato.",
                ConversationTools.PauseSchema, conversation.PauseContactAsync, ToolReplay.ChecksOnly),
            Tool("retomar_contato", "Encerra agora a pausa de contato que ele tinha pedido: ele disse que voltou ou quer plantões de novo.",
                ConversationTools.ResumeSchema, conversation.ResumeContactAsync, ToolReplay.ChecksOnly),
            Tool("registrar_opt_out", "O médico não quer mais receber mensagens.", ConversationTools.OptOutSchema, conversation.OptOutAsync,
                ToolReplay.ChecksOnly),
            Tool("solicitar_humano", "Passa a conversa para uma pessoa da equipe.", ConversationTools.HumanSchema, conversation.RequestHumanAsync,
                ToolReplay.ChecksOnly),
        ];
    }
}
