using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Julia.IntegrationTests.Chatwoot;

/// <summary>
/// Payloads as real Chatwoot versions and Evolution's Chatwoot integration send them, where an earlier reading of their
/// shape did the wrong thing (docs/decisions.md#handoff, "genuine Chatwoot payloads (audit 2026-12-04)").
/// </summary>
public sealed class GenuinePayloadTests(HumanLoopFixture f) : IClassFixture<HumanLoopFixture>
{
    /// <summary>
    /// Evolution mirrors Júlia's send into Chatwoot with WhatsApp's formatting rewritten as markdown (`*a*` → `**a**`,
    /// `_a_` → `*a*`) and posts it with its own user's token, in parallel with its answer to Júlia — so the mirror can
    /// arrive before the send is recorded with its WhatsApp id. It used to be taken for a recruiter: a takeover of a
    /// conversation nobody was in, and Júlia silent for the doctor.
    /// </summary>
    [Fact]
    public async Task AnEvolutionMirrorOfJuliasFormattedSendIsNoPersonEvenBeforeItsIdIsKnown()
    {
        const string phone = "5511988880401";
        var (conversa, chatwootId) = await f.DoctorInChatwootAsync(phone);
        await f.ExecuteAsync("""
            INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, status, envio_iniciado_em, enviada_em)
            SELECT medico_id, id, 'resposta', '*Plantão* de sábado no _Hospital São Lucas_, 19h às 7h. Tem interesse?', 'enviada', now(), now()
            FROM conversations WHERE id = @conversa
            """, new { conversa });

        var mirror = HumanLoopFixture.Webhook("webhook-message-created-outgoing-evolution-mirror.json", chatwootId, phone);
        var response = await f.PostChatwootAsync(mirror);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(answer.GetProperty("status").GetString() == "ignored", answer.ToString());
        Assert.Equal("ai", await f.ControlAsync(conversa));
        Assert.Empty(await f.HandoffsAsync(conversa));
        Assert.Equal(0, await f.ScalarAsync<long>("SELECT count(*) FROM interacoes WHERE conversa_id = @conversa AND autor_tipo = 'humano'", new { conversa }));

        // A recruiter's own words, formatted or not, are still a person's.
        var staff = HumanLoopFixture.Webhook("webhook-message-created-outgoing.json", chatwootId, phone);
        staff["content"] = "**Plantão** de domingo também está aberto";
        Assert.Equal(HttpStatusCode.OK, (await f.PostChatwootAsync(staff)).StatusCode);
        Assert.Equal("human", await f.ControlAsync(conversa));
    }

    /// <summary>
    /// An import of old conversations into Chatwoot (through the Messages API with a user's token, or Chatwoot's own history
    /// sync) posts each old message as `outgoing`, `sender.type` `user`, with `content_attributes.external_created_at` the
    /// time it was written: it is history, not a person answering — no takeover, nothing recorded or sent (docs/decisions.md#handoff,
    /// "Imported history is no staff reply"). The same message written elsewhere seconds ago (a bridge mirroring a message
    /// typed on the phone) still is a person's.
    /// </summary>
    [Fact]
    public async Task AnImportedOldMessageIsNoStaffReplyButAFreshOneWrittenElsewhereIs()
    {
        const string phone = "5511988880409";
        var (conversa, chatwootId) = await f.DoctorInChatwootAsync(phone);
        foreach (var old in new JsonNode[] { "2025-03-14T12:00:00.000Z", 1741953600, 1741953600000, "ontem" })
        {
            var imported = HumanLoopFixture.Webhook("webhook-message-created-outgoing.json", chatwootId, phone);
            imported["id"] = 880409000 + Random.Shared.Next(1, 999);
            imported["content"] = "Oi Maria, tudo certo para o plantão de março?";
            imported["source_id"] = "importado-123";
            imported["content_attributes"] = new JsonObject { ["external_created_at"] = old };
            var response = await f.PostChatwootAsync(imported);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(answer.GetProperty("status").GetString() == "ignored", $"{old}: {answer}");
        }
        Assert.Equal("ai", await f.ControlAsync(conversa));
        Assert.Empty(await f.HandoffsAsync(conversa));
        Assert.Equal(0, await f.ScalarAsync<long>("SELECT count(*) FROM interacoes WHERE conversa_id = @conversa AND autor_tipo = 'humano'", new { conversa }));

        var fresh = HumanLoopFixture.Webhook("webhook-message-created-outgoing.json", chatwootId, phone);
        fresh["content"] = "Oi, aqui é o Carlos pelo celular";
        fresh["content_attributes"] = new JsonObject { ["external_created_at"] = DateTimeOffset.UtcNow.AddSeconds(-20).ToString("O") };
        Assert.Equal(HttpStatusCode.OK, (await f.PostChatwootAsync(fresh)).StatusCode);
        Assert.Equal("human", await f.ControlAsync(conversa));
    }

    /// <summary>
    /// An inbox's agent bot gets `conversation_updated` without `changed_attributes` for every update (Chatwoot after PR
    /// #13975, before #14001) — the resolve itself and a reopen included, with the `humano` label Chatwoot keeps. Read as
    /// "labels contain humano", the resolve that had just returned the doctor to Júlia reopened his conversation for the
    /// staff and told him a colleague would go on.
    /// </summary>
    [Fact]
    public async Task AnAgentBotsUpdateWithTheLabelLeftFromAResolvedHandoffDoesNotHandOverAgain()
    {
        const string phone = "5511988880402";
        var (conversa, chatwootId) = await f.DoctorInChatwootAsync(phone);
        var added = HumanLoopFixture.Webhook("webhook-conversation-updated-label-added.json", chatwootId, phone);
        added["labels"] = new JsonArray("humano");
        added["changed_attributes"] = new JsonArray(new JsonObject
        {
            ["label_list"] = new JsonObject { ["previous_value"] = new JsonArray(), ["current_value"] = new JsonArray("humano") },
        });
        await f.PostChatwootAsync(added);
        Assert.Equal("human", await f.ControlAsync(conversa));
        var resolved = HumanLoopFixture.Webhook("webhook-conversation-status-changed-resolved.json", chatwootId, phone);
        resolved["event"] = "conversation_resolved";
        resolved.Remove("changed_attributes");
        await f.PostChatwootAsync(resolved);
        Assert.Equal("ai", await f.ControlAsync(conversa));

        foreach (var status in new[] { "resolved", "open" })
        {
            var update = HumanLoopFixture.Webhook("webhook-conversation-updated-agent-bot.json", chatwootId, phone);
            update["status"] = status;
            var response = await f.PostChatwootAsync(update);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(answer.GetProperty("status").GetString() == "ignored", $"{status}: {answer}");
        }

        Assert.Equal([("resolvido", "manual")], await f.HandoffsAsync(conversa));
        Assert.Equal(0, await f.ScalarAsync<long>("""
            SELECT count(*) FROM conversations c JOIN medicos m ON m.id = c.medico_id WHERE m.telefone = @phone AND c.controlled_by = 'human'
            """, new { phone }));
        Assert.Single(await f.QueueAsync(phone), q => q.TipoSistema == "transicao_handoff");
    }
}
