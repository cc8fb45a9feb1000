using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Models;
using Microsoft.Extensions.Options;

namespace Julia.Agent;

/// <summary>
/// Model ids are configuration and are checked for availability at deployment (docs/decisions.md#model-availability).
/// When the process starts, each configured Claude model (`LLM_MODEL`, and `LLM_MODEL_COMPLEX` when it differs) is asked for once (`GET /v1/models/{id}`), in the background — start-up never
/// waits for it; an OpenAI-compatible server is asked for its list once (`GET {base}/models`, <see cref="OpenAIModelList"/>).
/// A model the account does not have is an ERROR naming the variable: every turn would otherwise end in the
/// fallback with nothing at start-up to say why. A check that could not be made (network, 5xx, a server with no list) is a WARNING.
/// </summary>
internal sealed partial class ModelAvailabilityCheck(IOptions<AgentOptions> options, IHttpClientFactory http, ModelRefusal refusal, ILogger<ModelAvailabilityCheck> logger) : BackgroundService
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    const string AnthropicWhere = "nesta conta da Anthropic (404)";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Enabled) return;
        if (o.UsesOpenAI)
        {
            await CheckOpenAIAsync(o, stoppingToken);
            return;
        }
        var client = new AnthropicClient { ApiKey = o.ApiKey!, BaseUrl = o.BaseUrl, MaxRetries = 1, Timeout = Timeout };
        foreach (var (variable, model) in Configured(o))
            if (!await CheckAsync(client, variable, model, stoppingToken)) return;
    }

    static IEnumerable<(string Variable, string Model)> Configured(AgentOptions o)
    {
        yield return ("LLM_MODEL", o.Model);
        if (!string.Equals(o.ComplexModel, o.Model, StringComparison.Ordinal)) yield return ("LLM_MODEL_COMPLEX", o.ComplexModel);
    }

    /// <returns>False when checking the next model is pointless (the key itself was refused, or shutdown).</returns>
    async Task<bool> CheckAsync(AnthropicClient client, string variable, string model, CancellationToken ct)
    {
        try
        {
            var info = await client.Models.Retrieve(new ModelRetrieveParams { ModelID = model }, ct);
            LogAvailable(variable, model, info.DisplayName);
            await refusal.ClearAsync(always: true);   // the key is accepted (docs/decisions.md#model-refused)
            return true;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return false;
        }
        catch (AnthropicNotFoundException)
        {
            LogUnknown(variable, model, AnthropicWhere);
            await refusal.ClearAsync(always: true);   // the key is accepted, the model is not
            return true;
        }
        catch (Exception ex) when (ex is AnthropicUnauthorizedException or AnthropicForbiddenException)
        {
            LogKeyRefused(AgentModelCall.Describe(ex), "ANTHROPIC_API_KEY");
            await refusal.RecordAsync(AgentModelCall.Describe(ex));
            return false;
        }
        catch (Exception ex)
        {
            LogNotChecked(variable, model, AgentModelCall.Describe(ex));
            return true;
        }
    }

    /// <summary>
    /// An OpenAI-compatible server: its list (`GET {base}/models`, which OpenAI, vLLM, Ollama and Azure's v1 endpoint
    /// serve) asked once, each configured model looked for in it, the same events as for Claude.
    /// </summary>
    async Task CheckOpenAIAsync(AgentOptions o, CancellationToken ct)
    {
        var client = http.CreateClient(nameof(ModelAvailabilityCheck));
        client.Timeout = Timeout;
        var list = await OpenAIModelList.ReadAsync(client, o, ct);
        if (ct.IsCancellationRequested) return;
        if (list is OpenAIModelList.Result.KeyRefused refused)
        {
            LogKeyRefused(refused.Reason, "OPENAI_API_KEY");
            await refusal.RecordAsync(refused.Reason);
            return;
        }
        if (list is OpenAIModelList.Result.Listed) await refusal.ClearAsync(always: true);
        foreach (var (variable, model) in Configured(o))
            switch (list)
            {
                case OpenAIModelList.Result.Listed listed when OpenAIModelList.Contains(listed.Ids, model):
                    LogAvailable(variable, model, "listado pelo servidor OpenAI-compatível");
                    break;
                // Azure lists the models of the resource, not its deployments, and LLM_MODEL names a deployment there.
                case OpenAIModelList.Result.Listed when OpenAIModelList.IsAzure(o.OpenAIEndpoint):
                    LogNotChecked(variable, model, "o Azure OpenAI não lista as implantações em GET /models (LLM_MODEL é o nome da implantação)");
                    break;
                case OpenAIModelList.Result.Listed:
                    LogUnknown(variable, model, "na lista de modelos do servidor OpenAI-compatível (GET /models)");
                    break;
                case OpenAIModelList.Result.NotChecked notChecked:
                    LogNotChecked(variable, model, notChecked.Reason);
                    break;
            }
    }

    [LoggerMessage(EventId = 5020, Level = LogLevel.Information, Message = "Model available: {Variable}={Model} ({DisplayName})")]
    private partial void LogAvailable(string variable, string model, string displayName);

    [LoggerMessage(EventId = 5021, Level = LogLevel.Error,
        Message = "modelo indisponível: {Variable}={Model} não existe {Where}; cada resposta vai falhar e cair no fallback até corrigir {Variable}")]
    private partial void LogUnknown(string variable, string model, string where);

    [LoggerMessage(EventId = 5022, Level = LogLevel.Error, Message = "modelos não conferidos: {Reason}; confira {KeyVariable}")]
    private partial void LogKeyRefused(string reason, string keyVariable);

    [LoggerMessage(EventId = 5023, Level = LogLevel.Warning, Message = "modelo não conferido: {Variable}={Model}: {Reason} (a subida continua)")]
    private partial void LogNotChecked(string variable, string model, string reason);
}
