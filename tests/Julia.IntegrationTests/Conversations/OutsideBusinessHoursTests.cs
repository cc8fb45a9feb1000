using Julia.Agent;
using Julia.Conversations;
using Microsoft.Extensions.DependencyInjection;
using Julia.IntegrationTests.TestHost;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Conversations;

/// <summary>RESPONDER_FORA_HORARIO=false on a day that is a holiday in São Paulo (today and tomorrow): every turn waits for the opening.</summary>
public sealed class ClosedTodayFixture : GatewayPipelineFixture
{
    protected override Dictionary<string, string?> Settings
    {
        get
        {
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo")).DateTime);
            return new(Evolution.Settings(timeoutSeconds: 1))
            {
                ["HUMANIZAR"] = "false", ["RESPONDER_FORA_HORARIO"] = "false",
                ["FERIADOS"] = $"{today:yyyy-MM-dd},{today.AddDays(1):yyyy-MM-dd}",
            };
        }
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Agent.Respond = _ => Task.FromResult<AgentOutcome>(new AgentOutcome.Reply("Oi! Tenho plantão sexta."));
    }

    public int ReceiptsFor(string messageId) => Evolution.Calls.Count(c => c.Path == "/chat/markMessageAsRead/julia"
        && c.Body!["readMessages"]!.AsArray().Any(m => m!["id"]!.GetValue<string>() == messageId));
}

/// <summary>SPEC §4.1 step 9: outside business hours the inbound waits, and read receipts go out when processing starts.</summary>
public sealed class OutsideBusinessHoursTests(ClosedTodayFixture f) : IClassFixture<ClosedTodayFixture>
{
    [Fact]
    public async Task AMessageThatWaitsForTheOpeningIsNeitherAnsweredNorMarkedRead()
    {
        const string phone = "5511999994101";
        var id = "NIGHT-" + Guid.NewGuid().ToString("N");
        var logged = f.App.Logs.Lines.Count(l => l.Message.Contains("deferred to business hours"));

        await PostAsync(f.Client, Text(phone, "boa noite, tem plantão de clínica médica sábado?", id));
        await Eventually.MatchesAsync(() => Task.FromResult(f.App.Logs.Lines.Count(l => l.Message.Contains("deferred to business hours"))),
            n => n > logged);
        // The receipt, were it sent, is fired as the turn decides: give it time to reach the fake.
        await Task.Delay(300);

        Assert.Equal(0, f.ReceiptsFor(id));
        Assert.DoesNotContain(f.Evolution.Sends, c => c.Body?["number"]?.GetValue<string>()?.StartsWith(phone) == true);
        Assert.Equal(1, await f.ScalarAsync<long>("""
            SELECT count(*) FROM interacoes i JOIN medicos m ON m.id = i.medico_id
            WHERE m.telefone = @phone AND i.direcao = 'entrada' AND i.processado_em IS NULL
            """, new { phone }));
    }

    [Fact]
    public async Task AHandoffAtNightIsProcessedAtOnceAndItsMessageMarkedRead()
    {
        const string phone = "5511999994102";
        var id = "NIGHT-" + Guid.NewGuid().ToString("N");

        await PostAsync(f.Client, Text(phone, "quero falar com uma pessoa de verdade, por favor", id));
        await Eventually.MatchesAsync(() => f.ScalarAsync<string>("""
            SELECT c.controlled_by FROM conversations c JOIN medicos m ON m.id = c.medico_id WHERE m.telefone = @phone
            """, new { phone }), c => c == "human");

        await Eventually.MatchesAsync(() => Task.FromResult(f.ReceiptsFor(id)), n => n == 1);
    }

    /// <summary>An opt-out is processed at once, at any hour, and confirmed: his "pare" is read too (an outside audit: it stayed unread).</summary>
    [Fact]
    public async Task AnOptOutAtNightIsProcessedAtOnceAndItsMessageMarkedRead()
    {
        const string phone = "5511999994103";
        var id = "NIGHT-" + Guid.NewGuid().ToString("N");

        await PostAsync(f.Client, Text(phone, "por favor parem de me mandar mensagens", id));
        await Eventually.MatchesAsync(() => f.ScalarAsync<bool>("SELECT opted_out FROM medicos WHERE telefone = @phone", new { phone }), o => o);

        await Eventually.MatchesAsync(() => Task.FromResult(f.ReceiptsFor(id)), n => n == 1);
    }
}

/// <summary>RESPONDER_FORA_HORARIO=false, business hours (São Paulo, every day) that opened at the start of this minute.</summary>
public sealed class JustOpenedFixture : PipelineFixture
{
    static readonly TimeZoneInfo SaoPaulo = TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");
    public DateTimeOffset Opening { get; } = ComputeOpening();

    /// <summary>Near midnight the window would wrap (HORARIO_INICIO = HORARIO_FIM is "all day"): the tests then only check the offsets.</summary>
    public bool Usable => TimeZoneInfo.ConvertTime(Opening, SaoPaulo).TimeOfDay < new TimeSpan(23, 40, 0);

    static DateTimeOffset ComputeOpening()
    {
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, SaoPaulo);
        var opening = local.Date + new TimeSpan(local.Hour, local.Minute, 0);
        return new DateTimeOffset(opening, SaoPaulo.GetUtcOffset(opening));
    }

    protected override Dictionary<string, string?> Settings => new()
    {
        ["HUMANIZAR"] = "false", ["RESPONDER_FORA_HORARIO"] = "false", ["DIAS_UTEIS"] = "1-7",
        ["HORARIO_INICIO"] = TimeZoneInfo.ConvertTime(Opening, SaoPaulo).ToString("HH:mm"), ["HORARIO_FIM"] = "23:59",
    };
}

/// <summary>
/// The night's messages are answered over the first 15 min after the opening, each conversation at its own fixed offset
/// (SPEC §4.1 step 9): a run before it — the sweeper, a restart, another process — waits for it (an outside pass,
/// 2026-12-02: the every-minute sweep answered everyone who waited within a minute of the opening).
/// </summary>
public sealed class OpeningStaggerTests(JustOpenedFixture f) : IClassFixture<JustOpenedFixture>
{
    async Task<TurnResult> RunAsync(Guid medico)
    {
        var processor = f.App.Services.GetRequiredService<TurnProcessor>();
        for (var attempt = 0; ; attempt++)
        {
            var result = await processor.ProcessAsync(medico, default);
            if (result is not TurnResult.Busy || attempt == 50) return result; // the app's own runner may hold the lock
            await Task.Delay(100);
        }
    }

    async Task<Guid> DoctorWithAWaitingMessageAsync(string phone, Guid conversa, DateTimeOffset writtenAt)
    {
        var medico = await f.ScalarAsync<Guid>("""
            INSERT INTO medicos (telefone, whatsapp_jid, origem) VALUES (@phone, @phone || '@s.whatsapp.net', 'manual') RETURNING id
            """, new { phone });
        await f.ExecuteAsync("INSERT INTO conversations (id, medico_id) VALUES (@conversa, @medico)", new { conversa, medico });
        await f.ExecuteAsync("""
            INSERT INTO interacoes (medico_id, conversa_id, direcao, tipo, autor_tipo, origem, conteudo, provider_message_id, remote_jid, created_at)
            VALUES (@medico, @conversa, 'entrada', 'texto', 'medico', 'whatsapp', 'boa noite, tem plantão amanhã?', @id, @phone || '@s.whatsapp.net', @writtenAt)
            """, new { medico, conversa, id = "STAGGER-" + Guid.NewGuid().ToString("N"), phone, writtenAt = writtenAt.ToUniversalTime() });
        return medico;
    }

    static Guid ConversationWithOffset(int seconds)
    {
        var bytes = Guid.NewGuid().ToByteArray();
        BitConverter.GetBytes((uint)seconds).CopyTo(bytes, 0);
        return new Guid(bytes);
    }

    [Fact]
    public async Task AMessageFromBeforeTheOpeningWaitsForItsConversationsOffset()
    {
        var waiting = ConversationWithOffset(899);
        Assert.Equal(TimeSpan.FromSeconds(899), TurnProcessor.OpeningStagger(waiting));
        Assert.Equal(TimeSpan.FromSeconds(899), TurnProcessor.OpeningStagger(ConversationWithOffset(899 + 900)));
        if (!f.Usable) return;

        var night = await DoctorWithAWaitingMessageAsync("5511999994201", waiting, f.Opening - TimeSpan.FromHours(9));
        var notYet = Assert.IsType<TurnResult.NotYet>(await RunAsync(night));
        Assert.Equal(f.Opening + TimeSpan.FromSeconds(899), notYet.DueAt);

        // Its offset already passed: answered now. Written after the opening: no offset at all.
        var early = await DoctorWithAWaitingMessageAsync("5511999994202", ConversationWithOffset(0), f.Opening - TimeSpan.FromHours(9));
        Assert.IsType<TurnResult.Done>(await RunAsync(early));
        var day = await DoctorWithAWaitingMessageAsync("5511999994203", ConversationWithOffset(899), DateTimeOffset.UtcNow);
        Assert.IsType<TurnResult.Done>(await RunAsync(day));
    }
}
