using Julia.Infrastructure.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Julia.UnitTests.Infrastructure.Logging;

public sealed class JuliaConsoleFormatterTests
{
    static string Format(LogLevel level, string message, Exception? ex = null, bool json = false)
    {
        var options = new JuliaConsoleFormatterOptions { Json = json };
        var formatter = new JuliaConsoleFormatter(new StaticMonitor(options));
        using var writer = new StringWriter();
        formatter.Write(new LogEntry<string>(level, "Julia.Queue.QueueDispatcher", new EventId(3001), message, ex, (s, _) => s), null, writer);
        return writer.ToString();
    }

    [Theory]
    [InlineData(LogLevel.Error, "ERROR")]
    [InlineData(LogLevel.Warning, "WARNING")]
    [InlineData(LogLevel.Information, "INFO")]
    [InlineData(LogLevel.Debug, "DEBUG")]
    [InlineData(LogLevel.Critical, "CRITICAL")]
    public void LevelIsSpeltTheWayOperatorsGrepIt(LogLevel level, string word)
    {
        var line = Format(level, "enviar falhou");

        Assert.Contains($" {word} ", line);
        Assert.Contains("QueueDispatcher: enviar falhou", line);
    }

    [Fact]
    public void AnEventWithAnExceptionStaysOnOneLine()
    {
        Exception ex;
        try { throw new InvalidOperationException("linha 1\nlinha 2"); } catch (Exception e) { ex = e; }

        var text = Format(LogLevel.Error, "falhou\nde novo", ex);

        Assert.Equal(1, text.Count(c => c == '\n'));
        Assert.EndsWith(Environment.NewLine, text);
    }

    /// <summary>The runbook's grep words have accents ("LGPD: médico", "notificação"): production's JSON keeps them as they are.</summary>
    [Fact]
    public void ProductionJsonKeepsAccentsSoTheRunbooksGrepsFindThem()
    {
        var line = Format(LogLevel.Warning, "LGPD: médico apagado; notificação \"x\" 1<2", json: true);

        Assert.Contains("LGPD: médico apagado; notificação", line);
        using var doc = System.Text.Json.JsonDocument.Parse(line);
        Assert.Equal("LGPD: médico apagado; notificação \"x\" 1<2", doc.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public void ProductionJsonCarriesUpperCaseLevel()
    {
        var text = Format(LogLevel.Error, "handoff falhou", json: true);

        using var doc = System.Text.Json.JsonDocument.Parse(text);
        Assert.Equal("ERROR", doc.RootElement.GetProperty("level").GetString());
        Assert.Equal("handoff falhou", doc.RootElement.GetProperty("message").GetString());
    }

    /// <summary>SPEC §1: production JSON has `medico_id`, `conversa_id` — from the `{MedicoId}`, `{ConversaId}` of a log template.</summary>
    [Fact]
    public void ProductionJsonCarriesTheDoctorAndConversationOfATemplateAsFields()
    {
        var medico = Guid.NewGuid();
        var conversa = Guid.NewGuid();
        IReadOnlyList<KeyValuePair<string, object?>> state =
        [
            new("MedicoId", medico), new("ConversaId", conversa), new("LatenciaMs", 812), new("Chunks", 3), new("{OriginalFormat}", "Reply for {ConversaId}"),
        ];
        var formatter = new JuliaConsoleFormatter(new StaticMonitor(new JuliaConsoleFormatterOptions { Json = true }));
        using var writer = new StringWriter();
        formatter.Write(new LogEntry<IReadOnlyList<KeyValuePair<string, object?>>>(LogLevel.Information, "Julia.Conversations.TurnOutcomes",
            new EventId(1111), state, null, (_, _) => "Reply queued"), null, writer);

        using var doc = System.Text.Json.JsonDocument.Parse(writer.ToString());
        Assert.Equal(medico.ToString(), doc.RootElement.GetProperty("medico_id").GetString());
        Assert.Equal(conversa.ToString(), doc.RootElement.GetProperty("conversa_id").GetString());
        Assert.Equal("812", doc.RootElement.GetProperty("latencia_ms").GetString());
        Assert.False(doc.RootElement.TryGetProperty("Chunks", out _));
    }

    sealed class StaticMonitor(JuliaConsoleFormatterOptions value) : IOptionsMonitor<JuliaConsoleFormatterOptions>
    {
        public JuliaConsoleFormatterOptions CurrentValue => value;
        public JuliaConsoleFormatterOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<JuliaConsoleFormatterOptions, string?> listener) => null;
    }

    /// <summary>docs/decisions.md#log-secrets: a secret's value and a URL's `token=` never reach a line, text or JSON, message or exception.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void NoLineCarriesASecretNorTheTokenOfAUrl(bool json)
    {
        var options = new JuliaConsoleFormatterOptions { Json = json, Secrets = new LogSecrets(["tok-evo-secreto-0001", "curto", null]) };
        var formatter = new JuliaConsoleFormatter(new StaticMonitor(options));
        using var writer = new StringWriter();
        var message = "Request starting HTTP/1.1 POST http://127.0.0.1/webhook/evolution?x=1&TOKEN=%74ok-outro%2F1&y=2 - application/json 1537";
        formatter.Write(new LogEntry<string>(LogLevel.Information, "Microsoft.AspNetCore.Hosting.Diagnostics", new EventId(1), message,
            new InvalidOperationException("falhou com tok-evo-secreto-0001"), (s, _) => s), null, writer);
        var line = writer.ToString();

        Assert.DoesNotContain("tok-evo-secreto-0001", line);
        Assert.DoesNotContain("%74ok-outro", line);
        Assert.Contains("TOKEN=***&y=2", line);
        Assert.Contains("falhou com ***", line);
        Assert.Contains("curto", new LogSecrets(["curto"]).Scrub("curto demais para ser segredo")); // under 8 characters: ordinary words stay
    }
}
