using Julia.IntegrationTests.Conversations;
using Julia.IntegrationTests.TestHost;
using Julia.WhatsApp;
using Microsoft.Extensions.DependencyInjection;

namespace Julia.IntegrationTests.Queue;

/// <summary>
/// With HUMANIZAR on, every message Júlia sends shows "digitando…" first (docs/decisions.md#humanised-delays): a row with
/// no typing time of its own — a system message, a reminder, a follow-up, a campaign — shows its text's (2–6 s); a staff
/// message, typed by a person in Chatwoot, shows none. Before, only reply chunks did.
/// </summary>
public sealed class TypingBeforeSendTests(HumanisedFixture f) : IClassFixture<HumanisedFixture>
{
    SandboxChannel Sandbox => f.App.Services.GetRequiredService<SandboxChannel>();

    [Fact]
    public async Task AMessageQueuedWithNoTypingTimeShowsItsTextsTypingBeforeItGoesOut()
    {
        const string phone = "5511999990141";
        const string text = "Dr. Paulo, lembrando do seu plantão amanhã às 7h no Hospital São Lucas. Qualquer coisa me chama!";
        await QueueAsync(phone, text, "{}");

        var events = await Eventually.MatchesAsync(() => Task.FromResult(EventsOf(phone)), e => e.Any(x => x.Type == "mensagem"), seconds: 20);

        var typing = Assert.Single(events, e => e.Type == "digitando");
        var sent = Assert.Single(events, e => e.Type == "mensagem");
        Assert.Equal(6000, typing.TypingMs); // 17 words at 2 s each, clamped to 6 s
        Assert.True(sent.At - typing.At >= TimeSpan.FromSeconds(5.9), $"sent {(sent.At - typing.At).TotalSeconds:0.0} s after typing began");
        Assert.Equal(text, sent.Text);
    }

    [Fact]
    public async Task AStaffMessageShowsNoTypingOfJulias()
    {
        const string phone = "5511999990142";
        await QueueAsync(phone, "Oi Dr., aqui é a Carla da equipe.", """{"tipo_sistema":"mensagem_equipe","digitacao_ms":0}""");

        var events = await Eventually.MatchesAsync(() => Task.FromResult(EventsOf(phone)), e => e.Any(x => x.Type == "mensagem"), seconds: 20);

        Assert.DoesNotContain(events, e => e.Type == "digitando");
    }

    List<SandboxEvent> EventsOf(string phone) =>
        [.. Sandbox.History.Where(e => e.Number.StartsWith(phone, StringComparison.Ordinal) && e.Type is "digitando" or "mensagem")];

    Task QueueAsync(string phone, string text, string metadata) => f.ExecuteAsync("""
        WITH m AS (INSERT INTO medicos (telefone, whatsapp_jid, origem) VALUES (@phone, @phone || '@s.whatsapp.net', 'import') RETURNING id)
        INSERT INTO fila_mensagens (medico_id, tipo, conteudo, prioridade, metadata) SELECT id, 'sistema', @text, 10, @metadata::jsonb FROM m
        """, new { phone, text, metadata });
}
