using Julia.Conversations;
using Julia.Infrastructure.Configuration;
using Julia.IntegrationTests.TestHost;
using Julia.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Julia.IntegrationTests.Conformance;

/// <summary>
/// A host started with nothing but DATABASE_URL and REDIS_URL: every variable of the configuration table reaches the
/// process with its default, and the scheduled jobs run at the times of the jobs table (São Paulo clock).
/// </summary>
public sealed class ConfigurationConformanceTests(AppFixture f) : IClassFixture<AppFixture>
{
    // LLM_MODEL / LLM_MODEL_COMPLEX are left out on purpose: their defaults are the SDK's current model constants, not the
    // reference's retired ids (docs/decisions.md#model-provider). PORT and ENVIRONMENT are set by the test host itself.
    [Theory]
    [InlineData("LOG_LEVEL", "INFO")]
    [InlineData("MAX_WORKERS", "4")]
    [InlineData("CACHE_TTL", "300")]
    [InlineData("CACHE_TTL_VAGAS", "60")]
    [InlineData("CACHE_TTL_CONTEXTO", "120")]
    [InlineData("ANTHROPIC_BASE_URL", "https://api.anthropic.com")]
    [InlineData("EVOLUTION_INSTANCE", "julia")]
    [InlineData("CHATWOOT_ACCOUNT_ID", "1")]
    [InlineData("CHATWOOT_INBOX_ID", "1")]
    [InlineData("SLACK_CHANNEL", "#julia-gestao")]
    [InlineData("TIMEZONE", "America/Sao_Paulo")]
    [InlineData("HORARIO_INICIO", "08:00")]
    [InlineData("HORARIO_FIM", "20:00")]
    [InlineData("DIAS_UTEIS", "1-5")]
    [InlineData("FALLBACK_HANDOFF_MINUTOS", "10")]
    [InlineData("MAX_MSGS_POR_HORA", "20")]
    [InlineData("MAX_MSGS_POR_DIA", "100")]
    [InlineData("INTERVALO_MIN_SEGUNDOS", "45")]
    [InlineData("INTERVALO_MAX_SEGUNDOS", "180")]
    [InlineData("MAX_PRIMEIROS_CONTATOS_DIA", "50")]
    [InlineData("INTERVALO_ENTRE_ENVIOS_SEGUNDOS", "300")]
    [InlineData("LLM_MAX_TOKENS", "300")]
    [InlineData("LLM_TEMPERATURE", "0.7")]
    [InlineData("MAX_MENSAGEM_CHARS", "4000")]
    [InlineData("MAX_MENSAGEM_CHARS_TRUNCAR", "10000")]
    [InlineData("MAX_MENSAGEM_CHARS_REJEITAR", "50000")]
    [InlineData("NOME_EMPRESA", "Revoluna")]
    [InlineData("APP_NAME", "Agente Júlia")]
    [InlineData("DEBUG", "false")]
    [InlineData("HISTORICO_LIMITE", "10")]
    [InlineData("VAGAS_NO_CONTEXTO", "5")]
    [InlineData("DEBOUNCE_MAX_SEGUNDOS", "20")]
    [InlineData("RESPONDER_FORA_HORARIO", "true")]
    [InlineData("HUMANIZAR", "true")]
    [InlineData("FILA_PROCESSANDO_TIMEOUT_SEGUNDOS", "300")]
    [InlineData("ALERTA_COOLDOWN_MINUTOS", "60")]
    [InlineData("RETENCAO_CONVERSAS_DIAS", "90")]
    [InlineData("RETENCAO_INTERACOES_DIAS", "90")]
    [InlineData("RETENCAO_FILA_ENVIADA_DIAS", "30")]
    [InlineData("CHATWOOT_ESPELHAMENTO", "evolution")]
    [InlineData("CHATWOOT_TRANSICAO_NO_LABEL", "true")]
    [InlineData("SLACK_MASCARAR_TELEFONE", "true")]
    [InlineData("HANDOFF_LEMBRETE_MINUTOS", "30")]
    [InlineData("RESERVA_EXPIRA_HORAS", "24")]
    public void EachVariableLeftUnsetHasItsDefault(string variable, string expected)
    {
        var mapped = Assert.Single(EnvironmentVariables.All, v => v.Name == variable);
        var configuration = f.Factory.Services.GetRequiredService<IConfiguration>();

        Assert.Equal(expected, configuration[mapped.Key], ignoreCase: true);
    }

    /// <summary>DEBOUNCE_SEGUNDOS has no fixed default: 5 s while HUMANIZAR is on (its default), 0 with HUMANIZAR=false.</summary>
    [Fact]
    public void TheBurstWaitIsFiveSecondsAndAtMostTwentyByDefault()
    {
        var options = f.Factory.Services.GetRequiredService<IOptions<ConversationsOptions>>().Value;

        Assert.Equal((TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(20)), (options.Debounce, options.DebounceMax));
    }

    [Theory]
    [InlineData("fila-recuperacao", "every 00:01:00", false)]
    [InlineData("campanhas", "every 00:01:00", true)]
    [InlineData("alertas", "every 00:15:00", false)]
    [InlineData("followups", "every 00:15:00", true)]
    [InlineData("abertura", "at 08:00", true)]
    [InlineData("pausas", "at 06:00", false)]
    [InlineData("pressao", "at 00:30", false)]
    [InlineData("encerramento", "at 01:00", false)]
    [InlineData("qualidade", "at 02:00", false)]
    [InlineData("retencao", "at 03:00", false)]
    [InlineData("relatorio-diario", "at 08:00", false)]
    public void EachJobRunsAtItsTime(string name, string when, bool businessHoursOnly)
    {
        var job = Assert.Single(f.Factory.Services.GetServices<IJob>(), j => j.Name == name);

        var schedule = job.Schedule;
        var actual = schedule.Every is { } every ? $"every {every:hh\\:mm\\:ss}" : $"at {schedule.DailyAt:HH\\:mm}";
        Assert.Equal((when, businessHoursOnly), (actual, schedule.BusinessHoursOnly));
    }
}
