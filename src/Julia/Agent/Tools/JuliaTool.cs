using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Julia.Agent.Tools;

/// <summary>
/// One tool the model may call. Arguments arrive as JSON; the handler answers short pt-BR text. A tool never throws at
/// the model, and a call that names another doctor is refused before the handler runs. Built once and shared by every
/// turn: it acts on the turn of the model call that invokes it (<see cref="ToolSession.Current"/>), and the provider
/// adapter's cache of its converted schema, keyed by this object, keeps hitting (docs/decisions.md#agent).
/// </summary>
/// <param name="replay">How it runs when a recorded turn is asked again (<see cref="ToolReplay"/>); a tool that says nothing is simulated.</param>
internal sealed partial class JuliaTool(
    string name, string description, string schema, Func<ToolSession, ToolArguments, CancellationToken, Task<string>> handler, ILogger logger,
    ToolReplay replay = ToolReplay.Simulated)
    : AIFunction
{
    /// <summary>What the tool runs for a call, after the server's common checks.</summary>
    public Func<ToolSession, ToolArguments, CancellationToken, Task<string>> Handler => handler;

    public ToolReplay Replay => replay;

    static readonly string[] ForeignDoctorKeys = ["medico_id", "medico", "telefone", "doctor_id", "phone", "numero", "outro_medico"];
    readonly JsonElement jsonSchema = JsonDocument.Parse(schema).RootElement.Clone();

    /// <summary>What the model reads when a tool could not run: it failed, promise nothing, the team will confirm.</summary>
    internal const string Failed = "Erro interno ao executar a ferramenta. Não prometa nada: diga ao médico que vai confirmar com a equipe.";

    public override string Name => name;
    public override string Description => description;
    public override JsonElement JsonSchema => jsonSchema;

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken ct)
    {
        if (ToolSession.Current is not { } session)
        {
            LogNoSession(name);
            return Failed;
        }
        Interlocked.Increment(ref session.ToolCalls);
        var args = new ToolArguments(arguments);
        foreach (var key in ForeignDoctorKeys)
        {
            if (args.String(key) is not { Length: > 0 } value) continue;
            var doctor = session.Turn.Doctor;
            if (value != doctor.Id.ToString() && value != doctor.Telefone)
            {
                LogRefused(name, "outro médico");
                return "Recusado: só posso agir para o médico desta conversa.";
            }
        }
        try
        {
            var result = await handler(session, args, ct);
            // Once a tool has taken the turn over (opt-out, handoff), the model's next words would be discarded: it is not
            // asked again. Only after the last call of its round, so a tool asked beside it still runs (docs/decisions.md#agent).
            if (session.TakeOver is not null && FunctionInvokingChatClient.CurrentContext is { } call && call.FunctionCallIndex == call.FunctionCount - 1)
                call.Terminate = true;
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The model is told the tool failed and to promise nothing: the doctor hears that the team will confirm, and the
            // turn goes on. The line says so, and whose conversation it was, so the operator can look at it.
            LogToolFailed(ex, name, session.Turn.ConversaId, session.Turn.Doctor.Id, Infrastructure.Logging.PhoneMask.Mask(session.Turn.Doctor.Telefone));
            return Failed;
        }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Error,
        Message = "Tool {Tool} failed in conversa {ConversaId} (medico {MedicoId}, {Phone}): the model was told it failed and to promise nothing (the doctor is told the team will confirm); the turn goes on")]
    private partial void LogToolFailed(Exception ex, string tool, Guid conversaId, Guid medicoId, string phone);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Tool {Tool} call refused by the server: {Reason}")]
    private partial void LogRefused(string tool, string reason);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Error, Message = "Tool {Tool} called outside a model call of a turn: nothing done")]
    private partial void LogNoSession(string tool);
}

/// <summary>How a tool runs when `julia avaliar-prompt` asks a recorded turn again (docs/decisions.md#prompt-review).</summary>
internal enum ToolReplay
{
    /// <summary>Not run: the model is told it was done. The default, so a tool added later cannot write during a replay.</summary>
    Simulated,

    /// <summary>It only reads: it runs as in a live turn.</summary>
    Reads,

    /// <summary>It runs every check of a live turn and answers the same words, and writes nothing when <see cref="ToolSession.Replay"/> is set.</summary>
    ChecksOnly,
}

/// <summary>Typed reads of the model's arguments (JSON elements or plain values).</summary>
internal sealed class ToolArguments(IDictionary<string, object?> raw)
{
    JsonElement? Get(string key) =>
        raw.TryGetValue(key, out var v) && v is not null
            ? v is JsonElement e ? e : JsonSerializer.SerializeToElement(v)
            : null;

    public string? String(string key) => Get(key) is { } e
        ? e.ValueKind switch { JsonValueKind.String => e.GetString(), JsonValueKind.Null => null, _ => e.ToString() }
        : null;

    public int? Int(string key) => Get(key) is { } e
        ? e.ValueKind == JsonValueKind.Number ? WholeNumber(e) : int.TryParse(String(key), out var p) ? p : null
        : null;

    /// <summary>
    /// A number without a fractional part, as JSON Schema's "integer" has it: 1900.0 is 1900 (it was read as no value:
    /// a minimum pay refused, a search limit ignored — an outside walk, 2026-12-05); 1900.5 or one past int is null.
    /// </summary>
    static int? WholeNumber(JsonElement e) =>
        e.TryGetInt32(out var n) ? n
        : e.TryGetDecimal(out var d) && d == decimal.Truncate(d) && d is >= int.MinValue and <= int.MaxValue ? (int)d : null;

    public bool Has(string key) => Get(key) is { ValueKind: not JsonValueKind.Null };

    /// <summary>An array of strings or a single string, trimmed and without blanks; null for anything else (an object, a number…).</summary>
    public IReadOnlyList<string>? Strings(string key) => Get(key) switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString()!.Trim() is { Length: > 0 } one ? [one] : [],
        { ValueKind: JsonValueKind.Array } items when items.EnumerateArray().All(i => i.ValueKind == JsonValueKind.String) =>
            [.. items.EnumerateArray().Select(i => i.GetString()!.Trim()).Where(x => x.Length > 0)],
        _ => null,
    };
}
