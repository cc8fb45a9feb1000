using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Julia.Conversations;
using Julia.Doctors;
using Julia.Infrastructure.Redis;
using Julia.IntegrationTests.TestHost;
using Julia.Queue;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Conversations;

public sealed class PipelineTests(PipelineFixture f) : IClassFixture<PipelineFixture>
{
    /// <summary>A caption is the doctor's words too: "pare de me mandar mensagens" under a photo opts him out (an outside pass, 2026-12-02).</summary>
    /// <summary>
    /// A conversation lock nobody releases (left by hand, another process stuck) keeps the doctor unanswered; the operator
    /// is told once, with the key to delete (an outside walk, 2026-12-03: nothing was logged for minutes), and the
    /// message is answered as soon as it is gone.
    /// </summary>
    [Fact]
    public async Task ATurnKeptOutByALockHeldElsewhereIsLoggedOnceAndAnsweredWhenItGoes()
    {
        const string phone = "5511977730001";
        await PostAsync(f.Client, Text(phone, "oi"));
        await f.WaitProcessedAsync(phone);
        var conversa = await f.ScalarAsync<Guid>(
            "SELECT c.id FROM conversations c JOIN medicos m ON m.id = c.medico_id WHERE m.telefone = @phone AND c.status = 'active'", new { phone });
        var key = $"lock:conversa:{conversa}";
        var redis = f.App.Services.GetRequiredService<RedisGate>();
        await redis.TryAsync(db => db.StringSetAsync(key, "alguém"));

        await PostAsync(f.Client, Text(phone, "tem plantão amanhã?"));
        var warning = await Eventually.MatchesAsync(
            () => Task.FromResult(f.App.Logs.Lines.Where(l => l.Message.Contains(key) && l.Message.Contains("held elsewhere")).ToList()), w => w.Count > 0);
        Assert.Equal(LogLevel.Warning, warning[0].Level);
        await redis.TryAsync(db => db.KeyDeleteAsync(key));
        await f.WaitProcessedAsync(phone);

        Assert.Single(f.App.Logs.Lines, l => l.Message.Contains(key));
    }

    [Fact]
    public async Task AnOptOutInAPhotosCaptionOptsTheDoctorOut()
    {
        const string phone = "5511999990118";
        var photo = Text(phone, "x");
        photo["data"]!["message"] = new JsonObject
        {
            ["imageMessage"] = new JsonObject { ["mimetype"] = "image/jpeg", ["caption"] = "pare de me mandar mensagens" },
        };

        await PostAsync(f.Client, photo);
        await f.WaitProcessedAsync(phone);

        Assert.True(await f.ScalarAsync<bool>("SELECT opted_out FROM medicos WHERE telefone = @phone", new { phone }));
        Assert.DoesNotContain(f.Agent.Turns, t => t.Doctor.Telefone == phone);
    }

    /// <summary>
    /// A long message is stored cut (first 4 000 characters; first 1 000 past 10 000), but a request to stop or for a
    /// person at its end still counts: the cut end that asks for it is kept with the row and read by the turn.
    /// </summary>
    [Theory]
    [InlineData("5511999990171", 6_000, "Por favor, parem de me mandar mensagens.", null)]
    [InlineData("5511999990172", 12_000, "Enfim, quero falar com um atendente humano.", "pedido_humano")]
    public async Task ARequestAtTheEndOfALongMessageIsHonoured(string phone, int length, string closing, string? handoff)
    {
        var sentence = "Fiz três plantões seguidos no pronto-socorro e a escala ficou muito apertada. ";
        var text = string.Concat(Enumerable.Repeat(sentence, length / sentence.Length + 1))[..(length - closing.Length)] + ". " + closing;

        await PostAsync(f.Client, Text(phone, text));
        await f.WaitProcessedAsync(phone);

        Assert.DoesNotContain(closing, await f.ScalarAsync<string>(
            "SELECT i.conteudo FROM interacoes i JOIN medicos m ON m.id = i.medico_id WHERE m.telefone = @phone AND i.direcao = 'entrada'", new { phone }));
        if (handoff is null)
            Assert.True(await f.ScalarAsync<bool>("SELECT opted_out FROM medicos WHERE telefone = @phone", new { phone }));
        else
            Assert.Equal(handoff, await f.ScalarAsync<string>(
                "SELECT h.trigger_type FROM handoffs h JOIN medicos m ON m.id = h.medico_id WHERE m.telefone = @phone", new { phone }));
        Assert.DoesNotContain(f.Agent.Turns, t => t.Doctor.Telefone == phone);
    }

    [Fact]
    public async Task ALongMessageWithNoRequestAtItsEndKeepsNoCutTail()
    {
        const string phone = "5511999990173";
        var sentence = "Queria saber das vagas de clínica médica no ABC para dezembro, de preferência noturnas. ";
        await PostAsync(f.Client, Text(phone, string.Concat(Enumerable.Repeat(sentence, 60))));
        await f.WaitProcessedAsync(phone);

        Assert.Null(await f.ScalarAsync<string?>(
            "SELECT i.midia->>'fim_cortado' FROM interacoes i JOIN medicos m ON m.id = i.medico_id WHERE m.telefone = @phone", new { phone }));
        Assert.Single(f.Agent.Turns, t => t.Doctor.Telefone == phone);
    }

    [Fact]
    public async Task ATextMessageBecomesOneTurnAndAReplyInTheQueue()
    {
        const string phone = "5511999990101";

        var response = await PostAsync(f.Client, Text(phone, "Oi Júlia, tem plantão de clínica no sábado?"));
        await f.WaitProcessedAsync(phone);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("received", await response.Content.ReadAsStringAsync());
        var queue = await Eventually.MatchesAsync(() => f.QueueAsync(phone), q => q.Count > 0 && q.All(r => r.Status == "enviada"));
        Assert.All(queue, q => { Assert.Equal("resposta", q.Tipo); Assert.Equal(10, q.Prioridade); });
        Assert.Single(queue.Select(q => q.LoteId).Distinct());
        Assert.Equal(Enumerable.Range(1, queue.Count).Select(i => (short?)i), queue.Select(q => q.Sequencia));
        Assert.Contains("tem plantão de clínica no sábado?", string.Join(' ', queue.Select(q => q.Conteudo)));
        var outbound = await f.QueryAsync<(string Autor, string Origem, string Conteudo)>("""
            SELECT i.autor_tipo, i.origem, i.conteudo FROM interacoes i JOIN medicos m ON m.id = i.medico_id
            WHERE m.telefone = @phone AND i.direcao = 'saida' ORDER BY i.id
            """, new { phone });
        Assert.Equal(queue.Select(q => ("julia", "fila:resposta", q.Conteudo)), outbound);
        // SPEC: `tempo_resposta_ms` on outbound replies — from the doctor's message to the reply going out.
        var times = await f.QueryAsync<int?>("""
            SELECT i.tempo_resposta_ms FROM interacoes i JOIN medicos m ON m.id = i.medico_id
            WHERE m.telefone = @phone AND i.direcao = 'saida' ORDER BY i.id
            """, new { phone });
        Assert.All(times, t => Assert.True(t is >= 0 and < 60_000, $"tempo_resposta_ms {t}"));
        var doctor = await f.QueryAsync<(string Nome, string Origem, string Stage, string Jid)>(
            "SELECT primeiro_nome, origem, stage_jornada, whatsapp_jid FROM medicos WHERE telefone = @phone", new { phone });
        Assert.Equal(("Ana", "whatsapp_inbound", "respondeu", $"{phone}@s.whatsapp.net"), doctor.Single());
        Assert.Equal(1, await f.ScalarAsync<int>(
            "SELECT message_count FROM conversations c JOIN medicos m ON m.id = c.medico_id WHERE m.telefone = @phone AND c.status = 'active'", new { phone }));
    }

    [Fact]
    public async Task TenConcurrentDeliveriesOfOneEventGiveOneRowOneTurnOneReply()
    {
        const string phone = "5511999990102";
        var body = Text(phone, "Quero saber das vagas de UTI", id: "DEDUPE-0102");

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => PostAsync(f.Client, body)));
        await f.WaitProcessedAsync(phone);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, await f.ScalarAsync<long>("SELECT count(*) FROM interacoes WHERE provider_message_id = 'DEDUPE-0102'"));
        Assert.Equal(1, await f.ScalarAsync<long>("SELECT count(*) FROM medicos WHERE telefone = @phone", new { phone }));
        Assert.Single(f.Agent.Turns, t => t.Parts.Any(p => p.Contains("vagas de UTI")));
        Assert.Single((await f.QueueAsync(phone)).Select(q => q.LoteId).Distinct());
    }

    [Fact]
    public async Task OptOutIsConfirmedOnceCancelsPendingAndCompletesTheConversation()
    {
        const string phone = "5511999990103";
        await PostAsync(f.Client, Text(phone, "oi"));
        await f.WaitProcessedAsync(phone);
        await f.ExecuteAsync("""
            INSERT INTO fila_mensagens (medico_id, tipo, conteudo, agendar_para) SELECT id, 'campanha', 'oferta', now() + interval '1 day' FROM medicos WHERE telefone = @phone;
            -- Claimed by a worker whose send has not started (the limiter, a number check): it must not go out either.
            INSERT INTO fila_mensagens (medico_id, tipo, conteudo, status, processando_desde)
            SELECT id, 'lembrete_solicitado', 'lembrete reclamado', 'processando', now() FROM medicos WHERE telefone = @phone;
            """, new { phone });

        await PostAsync(f.Client, Text(phone, "Por favor PARE de me mandar msg"));
        await f.WaitProcessedAsync(phone);
        await PostAsync(f.Client, Text(phone, "pare"));
        await f.WaitProcessedAsync(phone);

        var doctor = await f.QueryAsync<(bool OptedOut, string Stage)>("SELECT opted_out, stage_jornada FROM medicos WHERE telefone = @phone", new { phone });
        Assert.Equal((true, "opt_out"), doctor.Single());
        var queue = await f.QueueAsync(phone);
        Assert.Single(queue, q => q.TipoSistema == "confirmacao_opt_out" && q.Status != "cancelada");
        Assert.Single(queue, q => q.Tipo == "campanha" && q.Status == "cancelada" && q.Reason == "opt_out");
        Assert.Single(queue, q => q.Tipo == "lembrete_solicitado" && q.Status == "cancelada" && q.Reason == "opt_out");
        Assert.True(await f.ScalarAsync<long>(
            "SELECT count(*) FROM conversations c JOIN medicos m ON m.id = c.medico_id WHERE m.telefone = @phone AND c.status = 'completed'", new { phone }) >= 1);
        Assert.DoesNotContain(f.Agent.Turns, t => t.Parts.Any(p => p.Contains("PARE")));
    }

    /// <summary>
    /// A relative telling the doctor died opts the number out, and the confirmation is condolences — not "se precisar de
    /// plantão é só chamar aqui" (docs/decisions.md#opt-out).
    /// </summary>
    [Fact]
    public async Task ADeathToldOptsTheNumberOutWithCondolences()
    {
        const string phone = "5511999990163";
        await PostAsync(f.Client, Text(phone, "Boa tarde. Aqui é a esposa do Dr. Paulo, ele faleceu mês passado."));
        await f.WaitProcessedAsync(phone);

        Assert.True(await f.ScalarAsync<bool>("SELECT opted_out FROM medicos WHERE telefone = @phone", new { phone }));
        var confirmation = Assert.Single(await f.QueueAsync(phone), q => q.TipoSistema == "confirmacao_opt_out");
        Assert.Equal("Sinto muito pela perda. Não vamos mais mandar mensagens para este número.", confirmation.Conteudo);
        Assert.DoesNotContain(f.Agent.Turns, t => t.Doctor.Telefone == phone);
    }

    [Fact]
    public async Task AskingForAPersonHandsOffOnceAndSilencesJulia()
    {
        const string phone = "5511999990104";
        await PostAsync(f.Client, Text(phone, "Oi, tem vaga amanhã?"));
        await f.WaitProcessedAsync(phone);

        await PostAsync(f.Client, Text(phone, "Quero falar com uma pessoa de verdade"));
        await f.WaitProcessedAsync(phone);
        await PostAsync(f.Client, Text(phone, "alguém aí? quero falar com um humano"));
        await f.WaitProcessedAsync(phone);

        var handoffs = await f.QueryAsync<(string Trigger, string Status)>("""
            SELECT h.trigger_type, h.status FROM handoffs h JOIN medicos m ON m.id = h.medico_id WHERE m.telefone = @phone
            """, new { phone });
        Assert.Equal([("pedido_humano", "pendente")], handoffs);
        Assert.Equal("human", await f.ScalarAsync<string>(
            "SELECT controlled_by FROM conversations c JOIN medicos m ON m.id = c.medico_id WHERE m.telefone = @phone AND c.status = 'active'", new { phone }));
        var queue = await f.QueueAsync(phone);
        Assert.Single(queue, q => q.TipoSistema == "transicao_handoff");
        Assert.Single(f.Agent.Turns, t => t.Doctor.Telefone == phone);
        await f.App.Logs.AssertLoggedAsync(l => l.Message.Contains("handoff") && l.Message.Contains("pedido_humano"), "handoff pedido_humano");
    }

    [Fact]
    public async Task UnderHumanControlInboundIsStoredButNothingAutomatedGoesOut()
    {
        const string phone = "5511999990105";
        await PostAsync(f.Client, Text(phone, "oi"));
        await f.WaitProcessedAsync(phone);
        await f.ExecuteAsync("""
            UPDATE conversations SET controlled_by = 'human' WHERE medico_id = (SELECT id FROM medicos WHERE telefone = @phone)
            """, new { phone });
        var queueBefore = (await f.QueueAsync(phone)).Count;

        await PostAsync(f.Client, Text(phone, "advogado, processo, absurdo, vergonha, me liga"));
        await PostAsync(f.Client, Text(phone, "tem plantão?"));
        await f.WaitProcessedAsync(phone);

        Assert.Equal(queueBefore, (await f.QueueAsync(phone)).Count);
        Assert.Equal(0, await f.ScalarAsync<long>("SELECT count(*) FROM handoffs h JOIN medicos m ON m.id = h.medico_id WHERE m.telefone = @phone", new { phone }));
        Assert.Single(f.Agent.Turns, t => t.Doctor.Telefone == phone);
        Assert.Equal(3, await f.ScalarAsync<long>("SELECT count(*) FROM interacoes i JOIN medicos m ON m.id = i.medico_id WHERE m.telefone = @phone AND i.direcao = 'entrada'", new { phone }));
    }

    /// <summary>
    /// docs/decisions.md#inbound, "A removed doctor who writes": staff removed him (`deleted_at`); his messages are kept and
    /// marked processed, no model runs, no hold or handoff is made, nothing is queued — and his "pare" is still recorded.
    /// </summary>
    [Fact]
    public async Task ADoctorStaffRemovedWhoWritesGetsNoAgentNoHoldAndNothingQueued()
    {
        const string phone = "5511999990141";
        await PostAsync(f.Client, Text(phone, "oi"));
        await f.WaitProcessedAsync(phone);
        var turnsBefore = f.Agent.Turns.Count(t => t.Doctor.Telefone == phone);
        var queueBefore = (await f.QueueAsync(phone)).Count;
        await f.ExecuteAsync("UPDATE medicos SET deleted_at = now() WHERE telefone = @phone", new { phone });

        await PostAsync(f.Client, Text(phone, "tem plantão sábado? quero reservar"));
        await PostAsync(f.Client, Text(phone, "quero falar com um atendente"));
        await f.WaitProcessedAsync(phone);

        Assert.Equal(turnsBefore, f.Agent.Turns.Count(t => t.Doctor.Telefone == phone));
        Assert.Equal(queueBefore, (await f.QueueAsync(phone)).Count);
        Assert.Equal(0, await f.ScalarAsync<long>("SELECT count(*) FROM handoffs h JOIN medicos m ON m.id = h.medico_id WHERE m.telefone = @phone", new { phone }));
        Assert.Equal(3, await f.ScalarAsync<long>("""
            SELECT count(*) FROM interacoes i JOIN medicos m ON m.id = i.medico_id
            WHERE m.telefone = @phone AND i.direcao = 'entrada' AND i.processado_em IS NOT NULL AND i.conteudo IS NOT NULL
            """, new { phone }));
        await f.App.Logs.AssertLoggedAsync(l => l.Message.Contains("médico removido do cadastro"), "skipped as removed");

        await PostAsync(f.Client, Text(phone, "pare de me mandar mensagens"));
        await f.WaitProcessedAsync(phone);
        Assert.True(await f.ScalarAsync<bool>("SELECT opted_out FROM medicos WHERE telefone = @phone", new { phone }));
    }

    /// <summary>
    /// docs/decisions.md#agent, "Questions about what Júlia is": "vc é robô?" is answered by the agent (no handoff) and
    /// logged once to metricas_deteccao_bot with its message, kind and words; another message logs nothing.
    /// </summary>
    [Fact]
    public async Task ADoctorAskingWhetherSheIsABotIsAnsweredAndTheQuestionIsLoggedOnce()
    {
        const string phone = "5511999990142";
        await PostAsync(f.Client, Text(phone, "tem plantão amanhã?"));
        await f.WaitProcessedAsync(phone);
        await PostAsync(f.Client, Text(phone, "vc é robô?"));
        await f.WaitProcessedAsync(phone);

        var rows = await f.QueryAsync<(string Mensagem, string Padrao, string Trecho, bool Linked)>("""
            SELECT b.mensagem, b.padrao, b.trecho, b.interacao_id = i.id AND b.conversa_id = i.conversa_id
            FROM metricas_deteccao_bot b JOIN medicos m ON m.id = b.medico_id
            JOIN interacoes i ON i.medico_id = m.id AND i.conteudo = 'vc é robô?'
            WHERE m.telefone = @phone
            """, new { phone });
        Assert.Equal([("vc é robô?", "voce_e_robo", "voce e robo", true)], rows);
        Assert.Equal(2, f.Agent.Turns.Count(t => t.Doctor.Telefone == phone));
        Assert.Equal(0, await f.ScalarAsync<long>("SELECT count(*) FROM handoffs h JOIN medicos m ON m.id = h.medico_id WHERE m.telefone = @phone", new { phone }));
    }

    [Fact]
    public async Task LidChatsAreTiedToThePhoneAndLidOnlyMessagesFindTheSameDoctor()
    {
        var lidFixture = Fixture("webhook-messages-upsert-text-lid.json");

        await PostAsync(f.Client, lidFixture);
        await f.WaitProcessedAsync("5511999990002");
        var lidOnly = Text("0", "oi de novo");
        lidOnly["data"]!["key"]!["remoteJid"] = "100000000000002@lid";
        await PostAsync(f.Client, lidOnly);
        await f.WaitProcessedAsync("5511999990002");

        var doctors = await f.QueryAsync<(string? Telefone, string? Lid, string? Jid)>(
            "SELECT telefone, whatsapp_lid, whatsapp_jid FROM medicos WHERE whatsapp_lid = '100000000000002@lid' OR telefone = '5511999990002'");
        Assert.Equal([("5511999990002", "100000000000002@lid", "100000000000002@lid")], doctors); // replies go to the raw remoteJid
        Assert.Equal(2, await f.ScalarAsync<long>("SELECT count(*) FROM interacoes i JOIN medicos m ON m.id = i.medico_id WHERE m.telefone = '5511999990002' AND i.direcao = 'entrada'"));
        Assert.Equal("100000000000002@lid", await f.ScalarAsync<string>("SELECT remote_jid FROM interacoes WHERE conteudo = 'oi de novo'"));
    }

    [Fact]
    public async Task ANewLidOnlyContactGetsADoctorWithoutPhone()
    {
        var body = Text("0", "olá, vi o anúncio");
        body["data"]!["key"]!["remoteJid"] = "100000000000777@lid";

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, body)).StatusCode);

        var doctor = await f.QueryAsync<(string? Telefone, string? Jid)>("SELECT telefone, whatsapp_jid FROM medicos WHERE whatsapp_lid = '100000000000777@lid'");
        Assert.Equal([(null, "100000000000777@lid")], doctor);
    }

    [Fact]
    public async Task NinthDigitVariantsMeetTheSameDoctorStoredInLegacyForm()
    {
        await f.ExecuteAsync("INSERT INTO medicos (telefone, primeiro_nome, origem) VALUES ('553188880106', 'Beatriz', 'import')");

        await PostAsync(f.Client, Text("5531988880106", "oi, sou a Beatriz"));
        await f.WaitProcessedAsync("5531988880106");
        await PostAsync(f.Client, Text("553188880106", "mandei do outro jeito")); // Evolution's 12-digit JID for DDD 31
        await f.WaitProcessedAsync("5531988880106");

        Assert.Equal(0, await f.ScalarAsync<long>("SELECT count(*) FROM medicos WHERE telefone = '553188880106'"));
        Assert.Equal(2, await f.ScalarAsync<long>(
            "SELECT count(*) FROM interacoes i JOIN medicos m ON m.id = i.medico_id WHERE m.telefone = '5531988880106' AND m.primeiro_nome = 'Beatriz' AND i.direcao = 'entrada'"));
    }

    [Fact]
    public async Task AVoiceNoteEvolutionTranscribedIsReadWithoutEvolutionsAudioMarker()
    {
        // Evolution's speech-to-text writes "[audio] <words>" beside the voice note: the words are the doctor's, the marker is not.
        static JsonObject Voice(string phone, string transcript)
        {
            var audio = Fixture("webhook-messages-upsert-audio.json");
            audio["data"]!["key"]!["remoteJid"] = phone + "@s.whatsapp.net";
            audio["data"]!["key"]!.AsObject().Remove("remoteJidAlt");
            audio["data"]!["key"]!["id"] = "STT" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
            audio["data"]!["message"]!["speechToText"] = transcript;
            return audio;
        }
        const string stop = "5511999990131", wants = "5511999990132";

        await PostAsync(f.Client, Voice(stop, "[audio] Chega."));
        await PostAsync(f.Client, Voice(wants, "[audio] quero o de sexta"));
        await f.WaitProcessedAsync(stop);
        await f.WaitProcessedAsync(wants);

        Assert.True(await f.ScalarAsync<bool>("SELECT opted_out FROM medicos WHERE telefone = @stop", new { stop }));
        Assert.Equal(["[áudio] quero o de sexta"], f.Agent.Turns.Last(t => t.Doctor.Telefone == wants).Parts);
    }

    [Fact]
    public async Task MediaWithoutTextGetsACannedAnswerAndStickersNothing()
    {
        var audio = Fixture("webhook-messages-upsert-audio.json");
        audio["data"]!["key"]!["remoteJid"] = "5511999990108@s.whatsapp.net";
        audio["data"]!["key"]!.AsObject().Remove("remoteJidAlt");
        var sticker = Text("5511999990109", "x");
        sticker["data"]!["message"] = new JsonObject { ["stickerMessage"] = new JsonObject { ["mimetype"] = "image/webp" } };

        await PostAsync(f.Client, audio);
        await PostAsync(f.Client, sticker);
        await f.WaitProcessedAsync("5511999990108");
        await f.WaitProcessedAsync("5511999990109");

        var audioQueue = await f.QueueAsync("5511999990108");
        Assert.Contains("por escrito", string.Join(' ', audioQueue.Select(q => q.Conteudo)));
        Assert.Empty(await f.QueueAsync("5511999990109"));
        Assert.Equal("[áudio]", await f.ScalarAsync<string>("SELECT conteudo FROM interacoes WHERE provider_message_id = 'C3D4E5F60718293A4B5C6D7E8F90A1B2'"));
        Assert.DoesNotContain(f.Agent.Turns, t => t.Doctor.Telefone is "5511999990108" or "5511999990109");
    }

    [Fact]
    public async Task LogsNeverCarryFullPhonesOrMessageTextAtInfo()
    {
        const string phone = "5511999990110";
        await PostAsync(f.Client, Text(phone, "segredo-do-texto-110"));
        await f.WaitProcessedAsync(phone);

        Assert.DoesNotContain(f.App.Logs.Lines, l => l.Message.Contains(phone));
        Assert.DoesNotContain(f.App.Logs.Lines, l => l.Level >= LogLevel.Information && l.Message.Contains("segredo-do-texto-110"));
        Assert.Contains(f.App.Logs.Lines, l => l.Message.Contains("55119999*****"));
    }
}

public sealed class ConversationRulesTests(PipelineFixture f) : IClassFixture<PipelineFixture>
{
    [Fact]
    public async Task AReplyToOutreachMovesStagesCancelsFollowUpsAndLowersPressure()
    {
        const string phone = "5511999990601";
        await f.ExecuteAsync("""
            WITH m AS (INSERT INTO medicos (telefone, stage_jornada, pressure_score, origem) VALUES (@phone, 'msg_enviada', 50, 'import') RETURNING id),
                 c AS (INSERT INTO conversations (medico_id, status, stage, pausado_ate) SELECT id, 'paused', 'followup_1_enviado', now() + interval '30 days' FROM m RETURNING id, medico_id)
            INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, agendar_para) SELECT medico_id, id, 'followup', 'e aí?', now() + interval '1 day' FROM c
            """, new { phone });

        await PostAsync(f.Client, Text(phone, "oi, desculpa a demora"));
        await f.WaitProcessedAsync(phone);

        var conversation = await f.QueryAsync<(string Status, string Stage, DateTime? PausadoAte, int Count)>("""
            SELECT c.status, c.stage, c.pausado_ate, c.message_count FROM conversations c JOIN medicos m ON m.id = c.medico_id WHERE m.telefone = @phone
            """, new { phone });
        Assert.Equal(("active", "respondeu", (DateTime?)null, 1), conversation.Single());
        var doctor = await f.QueryAsync<(string Stage, int Pressure)>("SELECT stage_jornada, pressure_score FROM medicos WHERE telefone = @phone", new { phone });
        Assert.Equal(("respondeu", 30), doctor.Single());
        Assert.Single(await f.QueueAsync(phone), q => q.Tipo == "followup" && q.Status == "cancelada");
    }

    /// <summary>
    /// The doctor's answer moves his funnel in the turn's first statement, after the webhook cached him: neither
    /// medico:telefone:* nor medico:id:* keeps the stage from before it (contexto:medico:* was already corrected).
    /// </summary>
    [Fact]
    public async Task AnAnswerThatMovesTheFunnelLeavesNoCachedDoctorWithTheOldStage()
    {
        const string phone = "5511999990631";
        var medicoId = await f.ScalarAsync<Guid>("""
            INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, stage_jornada, pressure_score, origem)
            VALUES (@phone, @phone || '@s.whatsapp.net', 'Ana', 'msg_enviada', 40, 'import') RETURNING id
            """, new { phone });

        await PostAsync(f.Client, Text(phone, "oi, vi sua mensagem"));
        await f.WaitProcessedAsync(phone);

        Assert.Equal("respondeu", await f.ScalarAsync<string>("SELECT stage_jornada FROM medicos WHERE id = @medicoId", new { medicoId }));
        var cache = f.App.Services.GetRequiredService<RedisGate>().Multiplexer.GetDatabase();
        foreach (var key in new[] { $"medico:telefone:{phone}", $"medico:id:{medicoId}" })
        {
            var cached = await cache.StringGetAsync(key);
            if (cached.HasValue) Assert.Equal("respondeu", JsonNode.Parse(cached.ToString())!["stageJornada"]!.GetValue<string>());
        }
    }

    /// <summary>
    /// The attempt whose first statement moved his funnel may stop there (the conversation busy elsewhere, a burst still
    /// being written); the attempt that answers later finds nothing moved and corrects nothing. So the stopping attempt
    /// drops every cached view of him — also medico:telefone:*, the webhook's lookup, which kept the old stage until
    /// CACHE_TTL.
    /// </summary>
    [Fact]
    public async Task AnAttemptThatMovesTheFunnelAndStopsDropsTheDoctorCachedByPhone()
    {
        const string phone = "5511999990632";
        var medicoId = await f.ScalarAsync<Guid>("""
            INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, stage_jornada, origem)
            VALUES (@phone, @phone || '@s.whatsapp.net', 'Ana', 'msg_enviada', 'import') RETURNING id
            """, new { phone });
        var conversaId = await f.ScalarAsync<Guid>("INSERT INTO conversations (medico_id) VALUES (@medicoId) RETURNING id", new { medicoId });
        var directory = f.App.Services.GetRequiredService<DoctorDirectory>();
        Assert.Equal("msg_enviada", (await directory.FindAsync(phone, null, default))!.StageJornada);
        var cache = f.App.Services.GetRequiredService<RedisGate>().Multiplexer.GetDatabase();
        Assert.True(await cache.KeyExistsAsync($"medico:telefone:{phone}"));

        var processor = f.App.Services.GetRequiredService<TurnProcessor>();
        await using (var held = await f.App.Services.GetRequiredService<ConversationLock>().TryAcquireAsync(conversaId, 0, 0, default))
        {
            Assert.NotNull(held);
            await f.ExecuteAsync("""
                INSERT INTO interacoes (medico_id, direcao, tipo, autor_tipo, origem, conteudo, provider_message_id, remote_jid)
                VALUES (@medicoId, 'entrada', 'texto', 'medico', 'whatsapp', 'oi, vi sua mensagem', @id, @phone || '@s.whatsapp.net')
                """, new { medicoId, phone, id = "MOVED-" + Guid.NewGuid().ToString("N") });
            Assert.IsType<TurnResult.Busy>(await processor.ProcessAsync(medicoId, default));

            Assert.Equal("respondeu", await f.ScalarAsync<string>("SELECT stage_jornada FROM medicos WHERE id = @medicoId", new { medicoId }));
            var cached = await cache.StringGetAsync($"medico:telefone:{phone}");
            if (cached.HasValue) Assert.Equal("respondeu", JsonNode.Parse(cached.ToString())!["stageJornada"]!.GetValue<string>());
        }
        // Answered once the lock is free (the app's runner was never told of the row this test wrote).
        for (var attempt = 0; attempt < 50 && await processor.ProcessAsync(medicoId, default) is TurnResult.Busy; attempt++) await Task.Delay(100);
        await f.WaitProcessedAsync(phone);
    }

    /// <summary>
    /// Pressure −20 for each message the doctor writes, also when a burst is answered in one turn (an outside audit: a
    /// burst of three lowered it by 20, three single messages by 60), never below 0.
    /// </summary>
    [Fact]
    public async Task EachMessageOfABurstLowersThePressure()
    {
        var store = f.App.Services.GetRequiredService<ConversationStore>();
        foreach (var (phone, pressure, messages, expected) in new[] { ("5511999990611", 70, 3, 10), ("5511999990612", 50, 4, 0), ("5511999990613", 50, 1, 30) })
        {
            var medicoId = await f.ScalarAsync<Guid>("""
                INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, stage_jornada, pressure_score, origem)
                VALUES (@phone, @phone || '@s.whatsapp.net', 'Ana', 'msg_enviada', @pressure, 'import') RETURNING id
                """, new { phone, pressure });
            for (var i = 0; i < messages; i++)
                await f.ExecuteAsync("""
                    INSERT INTO interacoes (medico_id, direcao, tipo, autor_tipo, origem, conteudo, provider_message_id, remote_jid, created_at)
                    VALUES (@medicoId, 'entrada', 'texto', 'medico', 'whatsapp', 'oi', @id, @phone || '@s.whatsapp.net', now() - interval '1 minute')
                    """, new { medicoId, phone, id = $"PRESS-{phone}-{i}" });

            var (input, _) = await store.BeginTurnAsync(medicoId, 10, default);

            Assert.Equal(messages, input!.Pending.Count);
            Assert.Equal(("respondeu", expected), (await f.QueryAsync<(string, int)>(
                "SELECT stage_jornada, pressure_score FROM medicos WHERE id = @medicoId", new { medicoId })).Single());
        }
    }

    /// <summary>
    /// The profile the agent reads is cached for minutes; the answer that moves the doctor's funnel drops it, so the
    /// turn that answers him sees where he is now (an outside audit, 2026-12-03: "Etapa: msg_enviada" for up to 120 s).
    /// </summary>
    [Fact]
    public async Task TheTurnThatMovesTheDoctorsFunnelShowsTheAgentHisNewStage()
    {
        const string phone = "5511999990608";
        var medicoId = await f.ScalarAsync<Guid>(
            """
            INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, stage_jornada, pressure_score, origem)
            VALUES (@phone, @phone || '@s.whatsapp.net', 'Ana', 'msg_enviada', 20, 'import') RETURNING id
            """, new { phone });
        var cached = await f.App.Services.GetRequiredService<Julia.Doctors.DoctorContext>().StartProfileRead(medicoId)(CancellationToken.None);
        Assert.Equal("msg_enviada", cached!.StageJornada);

        await PostAsync(f.Client, Text(phone, "oi, tenho interesse sim"));
        await f.WaitProcessedAsync(phone);

        var turn = Assert.Single(f.Agent.Turns, t => t.Doctor.Telefone == phone);
        Assert.Equal("respondeu", turn.Profile!.StageJornada);
        // And the next turn, within the cache's lifetime, too.
        var next = await f.App.Services.GetRequiredService<Julia.Doctors.DoctorContext>().StartProfileRead(medicoId)(CancellationToken.None);
        Assert.Equal("respondeu", next!.StageJornada);
    }

    /// <summary>
    /// A history line is cut at 4 000 characters: a staff message in Chatwoot has no length limit, and one of a million
    /// characters made every later turn a request the model refused (a black-box fuzz, 2026-12-03).
    /// </summary>
    [Fact]
    public async Task AHugeStaffMessageReachesTheAgentCut()
    {
        const string phone = "5511999990609";
        await f.ExecuteAsync("""
            WITH m AS (INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, origem) VALUES (@phone, @phone || '@s.whatsapp.net', 'Ana', 'import') RETURNING id),
                 c AS (INSERT INTO conversations (medico_id) SELECT id FROM m RETURNING id, medico_id)
            INSERT INTO interacoes (medico_id, conversa_id, direcao, tipo, autor_tipo, origem, conteudo, created_at)
            SELECT medico_id, id, 'saida', 'texto', 'humano', 'chatwoot', 'Segue a tabela ' || repeat('x', 1000000), now() - interval '1 hour' FROM c
            """, new { phone });

        await PostAsync(f.Client, Text(phone, "recebi, obrigado"));
        await f.WaitProcessedAsync(phone);

        var turn = Assert.Single(f.Agent.Turns, t => t.Doctor.Telefone == phone);
        var staff = Assert.Single(turn.History, h => h.Content.StartsWith("Segue a tabela", StringComparison.Ordinal));
        Assert.Equal(4000 + " [...]".Length, staff.Content.Length);
        Assert.EndsWith(" [...]", staff.Content);
    }

    [Fact]
    public async Task ADoctorPastTheAnswerWithNoPressureIsNotRewrittenByEachMessage()
    {
        const string phone = "5511999990604";
        // Known by his WhatsApp address and name already, so the webhook has nothing to refresh on his row either.
        await f.ExecuteAsync("""
            INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, stage_jornada, pressure_score, origem)
            VALUES (@phone, @phone || '@s.whatsapp.net', 'Ana', 'qualificado', 0, 'import')
            """, new { phone });
        var before = await f.ScalarAsync<string>("SELECT xmin::text FROM medicos WHERE telefone = @phone", new { phone });

        await PostAsync(f.Client, Text(phone, "bom dia, alguma novidade?"));
        await f.WaitProcessedAsync(phone);

        // The turn ran (the message was consumed and answered) and left his row as it was: same version, same values.
        Assert.Contains(f.Agent.Turns, t => t.Doctor.Telefone == phone);
        Assert.Equal(before, await f.ScalarAsync<string>("SELECT xmin::text FROM medicos WHERE telefone = @phone", new { phone }));
        Assert.Equal(("qualificado", 0), (await f.QueryAsync<(string, int)>(
            "SELECT stage_jornada, pressure_score FROM medicos WHERE telefone = @phone", new { phone })).Single());
    }

    /// <summary>A doctor and a message of his stored as a webhook stores it a minute ago (past the debounce), with no turn signalled.</summary>
    async Task<Guid> DoctorWithAMessageNoTurnWasSignalledForAsync(string phone, string messageId)
    {
        var medicoId = await f.ScalarAsync<Guid>("""
            INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, origem) VALUES (@phone, @phone || '@s.whatsapp.net', 'Ana', 'import')
            RETURNING id
            """, new { phone });
        await f.ExecuteAsync("""
            INSERT INTO interacoes (medico_id, direcao, tipo, autor_tipo, origem, conteudo, provider_message_id, remote_jid, created_at)
            VALUES (@medicoId, 'entrada', 'texto', 'medico', 'whatsapp', 'tem vaga amanhã?', @messageId, @phone || '@s.whatsapp.net', now() - interval '1 minute')
            """, new { medicoId, phone, messageId });
        return medicoId;
    }

    [Fact]
    public async Task ATurnWhoseRowsAnotherProcessConsumedBeforeItHeldTheLockQueuesNoSecondReply()
    {
        const string phone = "5511999990605";
        // The two processes below are this test.
        var medicoId = await DoctorWithAMessageNoTurnWasSignalledForAsync(phone, "RACE-0605");
        var store = f.App.Services.GetRequiredService<ConversationStore>();
        NewQueueItem[] Reply(Guid conversaId, string text) => [new(medicoId, conversaId, QueueKinds.Reply, text, DateTimeOffset.UtcNow)];

        // Process B reads the pending row in its turn's first round trip, then tries the conversation lock; meanwhile
        // process A's turn reads the same row, replies and releases the lock, so B's lock attempt succeeds.
        var (b, _) = await store.BeginTurnAsync(medicoId, 10, default);
        var (a, _) = await store.BeginTurnAsync(medicoId, 10, default);
        var answered = await store.FinishTurnWithReplyAsync(medicoId, a!.Conversation.Id, a.Pending,
            Reply(a.Conversation.Id, "resposta de A"), handOff: false, default);
        var late = await store.FinishTurnWithReplyAsync(medicoId, b!.Conversation.Id, b.Pending,
            Reply(b.Conversation.Id, "resposta de B"), handOff: false, default);

        Assert.False(answered.Superseded || answered.Taken);
        Assert.True(late.Taken); // B runs again, on what is left: nothing
        Assert.False(late.Superseded);
        Assert.Equal(["resposta de A"], (await f.QueueAsync(phone)).Select(q => q.Conteudo));
        var (again, _) = await store.BeginTurnAsync(medicoId, 10, default);
        Assert.Empty(again!.Pending);
    }

    /// <summary>
    /// Two turns of one doctor finishing at the same moment, each under a different lock (one process's Redis lock, the
    /// other's database advisory lock when Redis timed out for it): one reply is queued, the other turn is told its rows
    /// were taken. Before, both statements read the first row as pending and both queued a reply.
    /// </summary>
    [Fact]
    public async Task TwoTurnsFinishingAtOnceOnTheSameRowsQueueOneReply()
    {
        const string phone = "5511999990617";
        var medicoId = await DoctorWithAMessageNoTurnWasSignalledForAsync(phone, "RACE-0617");
        var store = f.App.Services.GetRequiredService<ConversationStore>();
        NewQueueItem[] Reply(Guid conversaId, string text) => [new(medicoId, conversaId, QueueKinds.Reply, text, DateTimeOffset.UtcNow)];
        var (a, _) = await store.BeginTurnAsync(medicoId, 10, default);
        var (b, _) = await store.BeginTurnAsync(medicoId, 10, default);

        // The row is held while both statements start, so both run against it together once it is let go.
        await using var holder = await f.Db.OpenConnectionAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await Dapper.SqlMapper.ExecuteAsync(holder, "SELECT 1 FROM interacoes WHERE id = @id FOR UPDATE", new { id = a!.Pending[0].Id }, hold);
        var first = store.FinishTurnWithReplyAsync(medicoId, a.Conversation.Id, a.Pending, Reply(a.Conversation.Id, "resposta de A"), handOff: false, default);
        var second = store.FinishTurnWithReplyAsync(medicoId, b!.Conversation.Id, b.Pending, Reply(b.Conversation.Id, "resposta de B"), handOff: false, default);
        await Eventually.MatchesAsync(() => f.ScalarAsync<long>("""
            SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%newer AS (%'
            """), n => n == 2);
        await hold.RollbackAsync();
        var finished = await Task.WhenAll(first, second);

        Assert.Single(finished, r => !r.Taken);
        Assert.Single(finished, r => r.Taken);
        Assert.Single(await f.QueueAsync(phone));
        var (again, _) = await store.BeginTurnAsync(medicoId, 10, default);
        Assert.Empty(again!.Pending);
    }

    [Fact]
    public async Task ATurnThatFindsItsConversationLockedReadsNeitherTheDoctorNorHisProfileFromTheDatabase()
    {
        const string phone = "5511999990606";
        var medicoId = await DoctorWithAMessageNoTurnWasSignalledForAsync(phone, "LOCK-0606");
        var conversaId = (await f.App.Services.GetRequiredService<ConversationStore>().BeginTurnAsync(medicoId, 10, default)).Input!.Conversation.Id;
        var redis = f.App.Services.GetRequiredService<RedisGate>();
        // Another process's turn holds the conversation; nothing of this doctor is cached.
        await redis.Multiplexer.GetDatabase().StringSetAsync(ConversationLock.Key(conversaId), "outro-processo", TimeSpan.FromMinutes(1));
        await redis.Multiplexer.GetDatabase().KeyDeleteAsync([$"medico:id:{medicoId}", $"contexto:medico:{medicoId}"]);
        var processor = f.App.Services.GetRequiredService<TurnProcessor>();

        var statements = new ConcurrentQueue<string>();
        using var run = new Activity("teste").Start();
        using (var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> o) =>
                o.TraceId == run.TraceId ? ActivitySamplingResult.AllData : ActivitySamplingResult.None,
            // Other tests' listeners create activities this one is told about too: only this run's trace counts.
            ActivityStarted = a => { if (a.TraceId == run.TraceId) statements.Enqueue(a.DisplayName); },
        })
        {
            ActivitySource.AddActivityListener(listener);
            Assert.IsType<TurnResult.Busy>(await processor.ProcessAsync(medicoId, default));
            // A read started in the background would show up here (or as a cache key below) a moment later.
            await Task.Delay(TimeSpan.FromMilliseconds(300));
        }
        // The turn's first round trip only: no read of medicos for the doctor or his profile.
        Assert.Single(statements, s => !s.StartsWith("CONNECT", StringComparison.Ordinal));
        var cache = redis.Multiplexer.GetDatabase();
        Assert.False(await cache.KeyExistsAsync($"medico:id:{medicoId}"));
        Assert.False(await cache.KeyExistsAsync($"contexto:medico:{medicoId}"));

        // Released, the same turn runs: the reads behind the lock find the doctor and his profile.
        await cache.KeyDeleteAsync(ConversationLock.Key(conversaId));
        Assert.IsType<TurnResult.Done>(await processor.ProcessAsync(medicoId, default));
        Assert.Contains(f.Agent.Turns, t => t.Doctor.Id == medicoId && t.Parts.Contains("tem vaga amanhã?"));
        Assert.True(await cache.KeyExistsAsync($"contexto:medico:{medicoId}"));
    }

    [Fact]
    public async Task ADoctorTheCacheDoesNotKnowBringsHisProfileWithTheWebhooksStatement()
    {
        const string phone = "5511999990607";
        var medicoId = await f.ScalarAsync<Guid>("""
            INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, sobrenome, crm, origem)
            VALUES (@phone, @phone || '@s.whatsapp.net', 'Helena', 'Prado', '123456', 'import') RETURNING id
            """, new { phone });
        var cache = f.App.Services.GetRequiredService<RedisGate>().Multiplexer.GetDatabase();
        await cache.KeyDeleteAsync([$"medico:telefone:{phone}", $"medico:id:{medicoId}", $"contexto:medico:{medicoId}"]);
        var profileReads = await ProfileReadsAsync();

        await PostAsync(f.Client, Text(phone, "tem plantão no sábado?"));
        await f.WaitProcessedAsync(phone);

        // The webhook read him from the database and his profile with him: the turn found it cached, no read of its own.
        var turn = Assert.Single(f.Agent.Turns, t => t.Doctor.Id == medicoId);
        Assert.Equal(("Helena", "Prado", "123456"), (turn.Profile?.PrimeiroNome, turn.Profile?.Sobrenome, turn.Profile?.Crm));
        Assert.Equal(profileReads, await ProfileReadsAsync());
        Assert.True(await cache.KeyExistsAsync($"contexto:medico:{medicoId}"));
    }

    /// <summary>How many times this database ran the profile's own statement (DoctorProfileStore.FindAsync).</summary>
    Task<long> ProfileReadsAsync() => f.ScalarAsync<long>("""
        SELECT coalesce(sum(calls), 0)::bigint FROM pg_stat_statements
        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND ltrim(query) LIKE 'SELECT m.id AS Id, m.titulo AS Titulo%'
        """);

    [Theory]
    [InlineData("5511999990602", "vou chamar meu advogado", "juridico")]
    [InlineData("5511999990603", "que absurdo, uma vergonha isso", "sentimento_negativo")]
    public async Task LegalWordsAndStrongNegativeSentimentHandOff(string phone, string text, string trigger)
    {
        await PostAsync(f.Client, Text(phone, text));
        await f.WaitProcessedAsync(phone);

        Assert.Equal(trigger, await f.ScalarAsync<string>(
            "SELECT trigger_type FROM handoffs h JOIN medicos m ON m.id = h.medico_id WHERE m.telefone = @phone", new { phone }));
        Assert.Single(await f.QueueAsync(phone), q => q.TipoSistema == "transicao_handoff");
        Assert.DoesNotContain(f.Agent.Turns, t => t.Doctor.Telefone == phone);
    }
}

public sealed class HumanisedFixture : PipelineFixture
{
    // Real reading/typing delays (2–8 s before the first chunk), no burst wait: a second message finds the reply pending.
    protected override Dictionary<string, string?> Settings => new() { ["HUMANIZAR"] = "true", ["DEBOUNCE_SEGUNDOS"] = "0" };
}

public sealed class SupersedeTests(HumanisedFixture f) : IClassFixture<HumanisedFixture>
{
    /// <summary>SPEC §4.12 with HUMANIZAR: presence `available`, a second, then `composing` while the model thinks (a SPEC audit, 2026-12-02: only composing).</summary>
    [Fact]
    public async Task AHumanisedTurnShowsOnlineThenTyping()
    {
        const string phone = "5511999990119";
        var sandbox = f.App.Services.GetRequiredService<Julia.WhatsApp.SandboxChannel>();

        await PostAsync(f.Client, Text(phone, "oi, tudo bem?"));
        await f.WaitProcessedAsync(phone);

        var presence = await Eventually.MatchesAsync(
            () => Task.FromResult(sandbox.History.Where(e => e.Number.StartsWith(phone, StringComparison.Ordinal) && e.Type is "online" or "digitando").ToList()),
            p => p.Any(e => e.Type == "digitando"), seconds: 15);
        Assert.Equal(["online", "digitando"], presence.Select(e => e.Type).Take(2));
    }

    /// <summary>
    /// A turn whose agent gives up at once (the holding message goes out) shows no "digitando…" after that message: the
    /// presence step stops when the agent answers (an outside walk, 2026-12-03: typing appeared after the message, then
    /// nothing).
    /// </summary>
    [Fact]
    public async Task NoTypingIsShownAfterAFastHoldingMessage()
    {
        const string phone = "5511999990121";
        var sandbox = f.App.Services.GetRequiredService<Julia.WhatsApp.SandboxChannel>();
        var original = f.Agent.Respond;
        f.Agent.Respond = turn => turn.Doctor.Telefone == phone
            ? Task.FromResult<Julia.Agent.AgentOutcome>(new Julia.Agent.AgentOutcome.Unavailable("modelo fora do ar (teste)"))
            : original(turn);
        try
        {
            await PostAsync(f.Client, Text(phone, "oi, tem plantão?"));   // the turn stays open: the agent is retried in 30 s
            var sent = await Eventually.MatchesAsync(
                () => Task.FromResult(sandbox.History.Where(e => e.Number.StartsWith(phone, StringComparison.Ordinal) && e.Type == "mensagem").ToList()),
                m => m.Count > 0, seconds: 30);
            await Task.Delay(TimeSpan.FromSeconds(2.5));   // the presence step's 1 s pause, and then some

            Assert.DoesNotContain(sandbox.History, e => e.Number.StartsWith(phone, StringComparison.Ordinal) && e.Type == "digitando" && e.At > sent[0].At);
        }
        finally { f.Agent.Respond = original; }
    }

    /// <summary>
    /// The doctor's message waits for the model (down) when staff resolve his conversation in Chatwoot: the rows it still
    /// holds are his next turn's, in his new conversation — answered once, and the replies after it are not cancelled as
    /// superseded by a message no turn would read again (an audit, 2026-12-03: never answered, every later reply
    /// `cancelada superado`, no handoff).
    /// </summary>
    [Fact]
    public async Task AMessageWaitingWhenItsConversationClosesIsAnsweredInTheNextOne()
    {
        const string phone = "5511999990122";
        var original = f.Agent.Respond;
        f.Agent.Respond = turn => turn.Doctor.Telefone == phone
            ? Task.FromResult<Julia.Agent.AgentOutcome>(new Julia.Agent.AgentOutcome.Unavailable("modelo fora do ar (teste)"))
            : original(turn);
        try
        {
            await PostAsync(f.Client, Text(phone, "oi, tem plantão de clínica sexta?"));
            var first = await Eventually.MatchesAsync(() => f.ScalarAsync<Guid?>("""
                SELECT i.conversa_id FROM interacoes i JOIN medicos m ON m.id = i.medico_id
                WHERE m.telefone = @phone AND i.direcao = 'entrada'
                """, new { phone }), id => id is not null);
            await Eventually.MatchesAsync(() => Task.FromResult(f.QueueAsync(phone).Result.Count(q => q.TipoSistema == "espera")), n => n > 0);
            var control = f.App.Services.GetRequiredService<ConversationControl>();
            var conversation = await f.App.Services.GetRequiredService<ConversationStore>().FindAsync(first!.Value, default);
            Assert.True(await control.ReturnToJuliaAsync(conversation!, "equipe", null, complete: true, default, inChatwoot: true));
        }
        finally { f.Agent.Respond = original; }

        await PostAsync(f.Client, Text(phone, "e no sábado?"));
        await f.WaitProcessedAsync(phone);

        var replies = (await f.QueueAsync(phone)).Where(q => q.Tipo == "resposta").ToList();
        Assert.NotEmpty(replies);
        Assert.DoesNotContain(replies, q => q.Status == "cancelada");
        Assert.Contains(replies, q => q.Conteudo.Contains("oi, tem plantão de clínica sexta?") && q.Conteudo.Contains("e no sábado?"));
        Assert.Equal(1, await f.ScalarAsync<long>("""
            SELECT count(DISTINCT i.conversa_id) FROM interacoes i JOIN medicos m ON m.id = i.medico_id
            WHERE m.telefone = @phone AND i.direcao = 'entrada'
            """, new { phone }));
    }

    /// <summary>
    /// A sticker (or a location) while the reply is pending supersedes it, and the new turn has nothing to answer: the
    /// superseded chunks go out after all, in one lote, instead of leaving the doctor with nothing (an outside pass, 2026-12-02).
    /// </summary>
    [Fact]
    public async Task AStickerWhileTheReplyIsPendingLetsTheReplyGoOutAfterAll()
    {
        const string phone = "5511999990117";
        var original = f.Agent.Respond;
        f.Agent.Respond = turn => turn.Doctor.Telefone == phone
            ? Task.FromResult<Julia.Agent.AgentOutcome>(new Julia.Agent.AgentOutcome.Reply("Oi Dr, tudo bem? Tenho sim!\nÉ no Hospital Leste, das 19h às 7h, R$ 1.800.\nVc topa?"))
            : original(turn);
        try
        {
            await PostAsync(f.Client, Text(phone, "tem plantão sexta à noite?"));
            await f.WaitProcessedAsync(phone);
            // The first chunk went out; the others wait for their typing time.
            await Eventually.MatchesAsync(() => f.QueueAsync(phone), q => q.Count == 3 && q[0].Status == "enviada" && q[1].Status == "pendente", seconds: 30);
            var sticker = Text(phone, "x");
            sticker["data"]!["message"] = new JsonObject { ["stickerMessage"] = new JsonObject { ["mimetype"] = "image/webp" } };

            await PostAsync(f.Client, sticker);
            await f.WaitProcessedAsync(phone);

            var queue = await Eventually.MatchesAsync(() => f.QueueAsync(phone), q => q.All(r => r.Status is "enviada" or "cancelada") && q.Count(r => r.Status == "enviada") > 1, seconds: 60);
            Assert.Equal(["enviada", "enviada", "enviada"], queue.Select(q => q.Status));
            Assert.Single(queue.GroupBy(q => q.LoteId));
            await f.App.Logs.AssertLoggedAsync(l => l.EventId == 1119, "event 1119");
        }
        finally
        {
            f.Agent.Respond = original;
        }
    }

    /// <summary>
    /// An answer made only of what the reply clean-up takes out (a bare shift id) leaves nothing to send: the fallback
    /// path, like an empty answer (an audit, 2026-12-03: the turn threw on every retry, and the doctor got nothing).
    /// </summary>
    [Fact]
    public async Task AReplyTheCleanUpEmptiesTakesTheFallbackPath()
    {
        const string phone = "5511999990120";
        var original = f.Agent.Respond;
        f.Agent.Respond = turn => turn.Doctor.Telefone == phone
            ? Task.FromResult<Julia.Agent.AgentOutcome>(new Julia.Agent.AgentOutcome.Reply("(vaga_id=3f2b1c9e-1111-4222-8333-444455556666)"))
            : original(turn);
        try
        {
            await PostAsync(f.Client, Text(phone, "tem plantão amanhã?")); // the turn stays open: the agent is retried in 30 s

            var queue = await Eventually.MatchesAsync(() => f.QueueAsync(phone), q => q.Any(r => r.TipoSistema == "espera"));
            Assert.DoesNotContain(queue, q => q.Tipo == "resposta");
        }
        finally { f.Agent.Respond = original; }
    }

    [Fact]
    public async Task AMessageWhileTheReplyIsPendingSupersedesItAndTheNewTurnCoversBoth()
    {
        const string phone = "5511999990107";
        // Sends held (WhatsApp "close"): the first reply is still pending when the second message comes, however slow the machine.
        await PostAsync(f.Client, EvolutionWebhooks.Fixture("webhook-connection-update-close.json"));
        List<QueueRow> queue;
        try
        {
            await PostAsync(f.Client, Text(phone, "tem plantão sexta?"));
            await f.WaitProcessedAsync(phone);

            await PostAsync(f.Client, Text(phone, "de noite"));
            await f.WaitProcessedAsync(phone);

            queue = await f.QueueAsync(phone);
        }
        finally
        {
            await PostAsync(f.Client, EvolutionWebhooks.Fixture("webhook-connection-update-open.json"));
        }
        var lotes = queue.GroupBy(q => q.LoteId).ToList();
        Assert.Equal(2, lotes.Count);
        Assert.All(lotes[0], q => Assert.Equal(("cancelada", "superado"), (q.Status, q.Reason)));
        Assert.All(lotes[1], q => Assert.NotEqual("cancelada", q.Status));
        var last = f.Agent.Turns.Last(t => t.Doctor.Telefone == phone);
        Assert.Equal(["tem plantão sexta?", "de noite"], last.Parts);
    }

    /// <summary>
    /// "Pode ser esse" quoting one of several offers: the agent sees which (an outside pass, 2026-12-02: only the
    /// doctor's words reached it). The quote is stored in `midia.citacao`; the rules read only his own words.
    /// </summary>
    [Fact]
    public async Task AReplyQuotingAMessageReachesTheAgentWithTheQuotedText()
    {
        const string phone = "5511999990108";
        var body = EvolutionWebhooks.Fixture("webhook-messages-upsert-extended-text-reply.json");
        var key = body["data"]!["key"]!.AsObject();
        key["remoteJid"] = phone + "@s.whatsapp.net";
        key.Remove("remoteJidAlt");
        key["id"] = "QUOTE" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

        await PostAsync(f.Client, body);
        await f.WaitProcessedAsync(phone);

        var last = f.Agent.Turns.Last(t => t.Doctor.Telefone == phone);
        Assert.Equal(["[respondendo a: \"Sim! Sábado abrimos das 9h às 13h. Quer agendar um horário?\"] Pode ser às 10h então 👍"], last.Parts);
        Assert.Equal("Pode ser às 10h então 👍", await f.ScalarAsync<string>("""
            SELECT i.conteudo FROM interacoes i JOIN medicos m ON m.id = i.medico_id WHERE m.telefone = @phone AND i.direcao = 'entrada'
            """, new { phone }));
    }

}
