using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Julia.IntegrationTests.Shifts;
using Julia.IntegrationTests.TestHost;

namespace Julia.IntegrationTests.Chatwoot;

/// <summary>
/// "By replying in Chatwoot": a private note `/confirmar` or `/cancelar` in the doctor's conversation decides on his
/// holds, Júlia answers with a private note, and the note never reaches the doctor (docs/decisions.md#reservations).
/// </summary>
public sealed class ReservationCommandTests(StaffReservationFixture f) : IClassFixture<StaffReservationFixture>
{
    [Fact]
    public async Task ConfirmarInAPrivateNoteConfirmsTheDoctorsOnlyHoldAndNothingReachesTheDoctorButTheConfirmation()
    {
        const string phone = "5511977720001";
        var (medico, conversa, chatwootId) = await f.DoctorAsync(phone, "comando_teste");
        var reserva = await f.HoldAsync(await f.OpenShiftAsync("comando_teste", "Hospital do Comando"), medico, conversa);
        var sentBefore = await f.ScalarAsync<long>("SELECT count(*) FROM fila_mensagens WHERE medico_id = @medico", new { medico });

        var answer = await f.NoteAsync(chatwootId, phone, "/confirmar liguei e ele confirmou");

        Assert.Equal("ok", answer.GetProperty("status").GetString());
        Assert.Contains("confirmada", answer.GetProperty("acao").GetString());
        Assert.Equal(("confirmada", "confirmada"), ((await f.StateAsync(reserva)).Status, (await f.StateAsync(reserva)).Vaga));
        Assert.Equal(("Carlos Atendente", "liguei e ele confirmou"), await f.QueryAsync<(string, string)>(
            "SELECT confirmada_por, notas FROM reservas_vaga WHERE id = @reserva", new { reserva }).ContinueWith(t => t.Result.Single()));
        var reply = await f.PrivateReplyAsync(chatwootId, 1);
        Assert.Contains("Plantão confirmado", reply);
        Assert.Contains("Hospital do Comando", reply);
        Assert.Contains(reserva.ToString("N")[..8], reply);

        // The note is staff's: not stored as a message to him, no takeover; he gets only the confirmation.
        Assert.Equal("ai", await f.ControlAsync(conversa));
        Assert.Empty(await f.HandoffsAsync(conversa));
        Assert.Equal(0, await f.ScalarAsync<long>("SELECT count(*) FROM interacoes WHERE medico_id = @medico AND autor_tipo = 'humano'", new { medico }));
        var queued = await f.QueryAsync<string>("SELECT metadata->>'tipo_sistema' FROM fila_mensagens WHERE medico_id = @medico ORDER BY created_at OFFSET @sentBefore",
            new { medico, sentBefore });
        Assert.Equal(["confirmacao_reserva"], queued);
        await f.WaitSlackAsync(m => HumanLoopFixture.SlackTextContains(m, "Plantão confirmado") && HumanLoopFixture.SlackMentions(m, "Hospital do Comando"));
    }

    /// <summary>A reservation whose shift he already worked is history: `/cancelar` does not count it among his reservations.</summary>
    /// <summary>
    /// The answer tells the recruiter whether Júlia will tell the doctor: an opted-out doctor's hold from before his opt-out
    /// — no, "avise por outro meio"; the hold he asked Júlia for after coming back — yes (docs/decisions.md#reservations).
    /// </summary>
    [Fact]
    public async Task ConfirmarSaysWhetherAnOptedOutDoctorIsToldOnWhatsApp()
    {
        const string phone = "5511977720009";
        var (medico, conversa, chatwootId) = await f.DoctorAsync(phone, "comando_optout");
        var before = await f.HoldAsync(await f.OpenShiftAsync("comando_optout", "Hospital Antes"), medico, conversa);
        await f.ExecuteAsync("UPDATE medicos SET opted_out = true, opted_out_at = now() WHERE id = @medico", new { medico });
        await f.ExecuteAsync("UPDATE reservas_vaga SET created_at = now() - interval '1 hour' WHERE id = @before", new { before });
        var after = await f.HoldAsync(await f.OpenShiftAsync("comando_optout", "Hospital Depois"), medico, conversa);

        await f.NoteAsync(chatwootId, phone, $"/confirmar {before.ToString("N")[..8]}");
        Assert.Contains("avise por outro meio", await f.PrivateReplyAsync(chatwootId, 1));
        await f.NoteAsync(chatwootId, phone, $"/confirmar {after.ToString("N")[..8]}");
        Assert.Contains("A Júlia avisa o médico pelo WhatsApp", await f.PrivateReplyAsync(chatwootId, 2));

        var told = Assert.Single(await f.ConfirmationMessagesAsync(medico));
        Assert.Contains("Hospital Depois", told.Conteudo);
    }

    [Fact]
    public async Task AWorkedShiftsReservationIsNotAmongTheOnesANoteChoosesFrom()
    {
        const string phone = "5511977720004";
        var (medico, conversa, chatwootId) = await f.DoctorAsync(phone, "comando_realizado");
        var worked = await f.HoldAsync(await f.OpenShiftAsync("comando_realizado", "Hospital Realizado"), medico, conversa);
        await f.OkJsonAsync(await f.PostJsonAsync($"/admin/reservas/{worked}/confirmar", null));
        await f.ExecuteAsync("UPDATE vagas SET data = current_date - 2 WHERE id = (SELECT vaga_id FROM reservas_vaga WHERE id = @worked)", new { worked });
        await f.OkJsonAsync(await f.PostJsonAsync($"/admin/reservas/{worked}/realizar", null));
        var hold = await f.HoldAsync(await f.OpenShiftAsync("comando_realizado", "Hospital Novo"), medico, conversa);

        await f.NoteAsync(chatwootId, phone, "/cancelar hospital desmarcou");

        Assert.Contains("Reserva cancelada", await f.PrivateReplyAsync(chatwootId, 1));
        Assert.Equal(("cancelada", "aberta"), ((await f.StateAsync(hold)).Status, (await f.StateAsync(hold)).Vaga));
        Assert.Equal(("confirmada", "realizada"), ((await f.StateAsync(worked)).Status, (await f.StateAsync(worked)).Vaga));
    }

    [Fact]
    public async Task WithSeveralReservationsTheNoteAsksWhichAndTheStartOfTheIdChooses()
    {
        const string phone = "5511977720002";
        var (medico, conversa, chatwootId) = await f.DoctorAsync(phone, "comando_varias");
        var first = await f.HoldAsync(await f.OpenShiftAsync("comando_varias", "Hospital Primeiro"), medico, conversa);
        var second = await f.HoldAsync(await f.OpenShiftAsync("comando_varias", "Hospital Segundo"), medico, conversa);

        await f.NoteAsync(chatwootId, phone, "/confirmar");
        var which = await f.PrivateReplyAsync(chatwootId, 1);
        Assert.Contains("2 reservas", which);
        Assert.Contains(first.ToString("N")[..8], which);
        Assert.Contains(second.ToString("N")[..8], which);
        Assert.Equal("ativa", (await f.StateAsync(first)).Status);
        Assert.Equal("ativa", (await f.StateAsync(second)).Status);

        await f.NoteAsync(chatwootId, phone, "/Confirmar " + second.ToString("N")[..6]);
        Assert.Contains("Hospital Segundo", await f.PrivateReplyAsync(chatwootId, 2));
        Assert.Equal(("ativa", "confirmada"), ((await f.StateAsync(first)).Status, (await f.StateAsync(second)).Status));

        await f.NoteAsync(chatwootId, phone, "/cancelar " + first.ToString("D")[..8]);
        Assert.Contains("motivo", await f.PrivateReplyAsync(chatwootId, 3));
        Assert.Equal("ativa", (await f.StateAsync(first)).Status);

        var answer = await f.NoteAsync(chatwootId, phone, "/cancelar " + first.ToString("N")[..8] + " médico pegou outro plantão");
        Assert.Contains("cancelada", answer.GetProperty("acao").GetString());
        var cancelled = await f.PrivateReplyAsync(chatwootId, 4);
        Assert.Contains("Reserva cancelada", cancelled);
        Assert.Contains("voltou a ficar aberto", cancelled);
        Assert.Equal(("cancelada", "aberta"), ((await f.StateAsync(first)).Status, (await f.StateAsync(first)).Vaga));
        Assert.Equal(("médico pegou outro plantão", "Carlos Atendente"), await f.QueryAsync<(string, string)>(
            "SELECT motivo, encerrada_por FROM reservas_vaga WHERE id = @first", new { first }).ContinueWith(t => t.Result.Single()));
        Assert.Equal("confirmada", (await f.StateAsync(second)).Status);

        // Only the confirmed one is left in force: /cancelar with just a reason takes it.
        await f.NoteAsync(chatwootId, phone, "/cancelar hospital fechou a ala");
        Assert.Contains("Reserva cancelada", await f.PrivateReplyAsync(chatwootId, 5));
        Assert.Equal(("cancelada", "aberta"), ((await f.StateAsync(second)).Status, (await f.StateAsync(second)).Vaga));
        await f.NoteAsync(chatwootId, phone, "/confirmar");
        Assert.Contains("não tem pré-reserva ativa", await f.PrivateReplyAsync(chatwootId, 6));
    }

    /// <summary>
    /// The integration's own note and a command mid-sentence are ignored; a near miss (`/confirmarr`) is answered with the
    /// usage (docs/decisions.md#contact-pause, session 39: silence read as "done") — none of them changes the hold.
    /// </summary>
    [Fact]
    public async Task ANoteOfTheIntegrationItselfOrWithoutACommandChangesNothing()
    {
        const string phone = "5511977720003";
        var (medico, conversa, chatwootId) = await f.DoctorAsync(phone, "comando_nada");
        var reserva = await f.HoldAsync(await f.OpenShiftAsync("comando_nada"), medico, conversa);

        var own = await f.NoteAsync(chatwootId, phone, "/confirmar", senderId: f.Chatwoot.ProfileId);
        var plain = await f.NoteAsync(chatwootId, phone, "conferir /confirmar amanhã");
        var unknown = await f.NoteAsync(chatwootId, phone, "/confirmarr");

        Assert.All(new[] { own, plain }, a => Assert.Equal("ignored", a.GetProperty("status").GetString()));
        Assert.Contains("não reconhecido", unknown.GetProperty("acao").GetString());
        Assert.StartsWith("Não reconheci o comando /confirmarr: nada foi feito. Quis dizer /confirmar?", await f.PrivateReplyAsync(chatwootId, 1));
        Assert.Equal("ativa", (await f.StateAsync(reserva)).Status);
        Assert.DoesNotContain(f.PrivateReplies(chatwootId), r => r.Contains("reserva", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// The recruiter who takes a handed-off conversation reads in its note what the doctor holds — a hold with when it
    /// expires, a confirmed shift, the id start `/confirmar` and `/cancelar` take — and not what ended or was worked
    /// (a cross-feature review, 2026-12-05: the note said nothing of his reservations).
    /// </summary>
    [Fact]
    public async Task AHandoffNoteListsTheDoctorsReservationsInForceWithTheirIds()
    {
        const string phone = "5511977720005";
        var (medico, conversa, chatwootId) = await f.DoctorAsync(phone, "nota_reservas");
        var hold = await f.HoldAsync(await f.OpenShiftAsync("nota_reservas", "Hospital Pré-Reserva"), medico, conversa);
        var confirmed = await f.HoldAsync(await f.OpenShiftAsync("nota_reservas", "Hospital Confirmado"), medico, conversa);
        await f.OkJsonAsync(await f.PostJsonAsync($"/admin/reservas/{confirmed}/confirmar", null));
        var ended = await f.HoldAsync(await f.OpenShiftAsync("nota_reservas", "Hospital Cancelado"), medico, conversa);
        await f.OkJsonAsync(await f.PostJsonAsync($"/admin/reservas/{ended}/cancelar", new { motivo = "hospital desmarcou" }));
        var createdAt = await f.ScalarAsync<DateTime>("SELECT created_at FROM reservas_vaga WHERE id = @hold", new { hold });

        await EvolutionWebhooks.PostAsync(f.Client, EvolutionWebhooks.Text(phone, "quero falar com uma pessoa, por favor"));

        var note = await Eventually.MatchesAsync(() => Task.FromResult(f.PrivateReplies(chatwootId).FirstOrDefault(r => r.StartsWith("🚨 Handoff", StringComparison.Ordinal))),
            n => n is not null);
        var expires = TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(createdAt, DateTimeKind.Utc)).AddHours(24), Julia.Infrastructure.Time.SaoPaulo.Zone);
        Assert.Contains("Reservas dele em vigor", note);
        Assert.Contains($"Hospital Pré-Reserva", note);
        Assert.Contains($"— pré-reserva, expira em {expires:dd'/'MM HH':'mm} — id {hold.ToString("N")[..8]}", note);
        Assert.Contains($"— confirmada — id {confirmed.ToString("N")[..8]}", note);
        Assert.DoesNotContain("Hospital Cancelado", note);
        Assert.DoesNotContain(ended.ToString("N")[..8], note);
    }
}
