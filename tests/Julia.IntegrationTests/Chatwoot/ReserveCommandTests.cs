using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Julia.IntegrationTests.Shifts;
using Julia.IntegrationTests.TestHost;

namespace Julia.IntegrationTests.Chatwoot;

/// <summary>
/// `/reservar &lt;início do id da vaga&gt; [notas]` in a private note of the doctor's Chatwoot conversation: staff's own
/// reservation path (as POST /admin/vagas/{id}/reservar), answered with a private note; without a shift, his open
/// shifts as `buscar_vagas` finds them (docs/decisions.md#reservations).
/// </summary>
public sealed class ReserveCommandTests(StaffReservationFixture f) : IClassFixture<StaffReservationFixture>
{
    Task<long> AnswersQueuedAsync(Guid conversa) =>
        f.ScalarAsync<long>("SELECT count(*) FROM notificacoes WHERE tipo = 'resposta_comando' AND conversa_id = @conversa", new { conversa });

    Task<long> ReservationsOfShiftAsync(Guid vaga) =>
        f.ScalarAsync<long>("SELECT count(*) FROM reservas_vaga WHERE vaga_id = @vaga", new { vaga });

    /// <summary>An open shift of a specialty no doctor of these tests has.</summary>
    async Task<Guid> ShiftOfAnotherSpecialtyAsync(string specialty, string hospital)
    {
        await f.ExecuteAsync("INSERT INTO especialidades (nome) VALUES (@specialty) ON CONFLICT (nome) DO NOTHING", new { specialty });
        return await f.OpenShiftAsync(specialty, hospital);
    }

    static string Start(Guid id) => id.ToString("N")[..8];

    /// <summary>Gives a fresh shift the id chosen by the test (two ids that share a start).</summary>
    async Task<Guid> WithIdAsync(Guid vaga, string id)
    {
        var chosen = Guid.Parse(id);
        await f.ExecuteAsync("UPDATE vagas SET id = @chosen WHERE id = @vaga", new { chosen, vaga });
        return chosen;
    }

    [Fact]
    public async Task ReservarWithTheStartOfAnIdHoldsTheShiftAsStaffAnswersOnceAndConfirmarThenConfirmsIt()
    {
        const string phone = "5511977730001";
        var (medico, conversa, chatwootId) = await f.DoctorAsync(phone, "reservar_nota_teste");
        var vaga = await f.OpenShiftAsync("reservar_nota_teste", "Hospital da Nota");
        var sentBefore = await f.ScalarAsync<long>("SELECT count(*) FROM fila_mensagens WHERE medico_id = @medico", new { medico });
        var note = HumanLoopFixture.StaffNote(chatwootId, phone, $"/reservar {vaga.ToString("D")[..9]} pediu por telefone");

        var answer = await f.PostNoteAsync(note);

        Assert.Equal("ok", answer.GetProperty("status").GetString());
        Assert.Contains("reservada", answer.GetProperty("acao").GetString());
        var row = (await f.QueryAsync<(string Status, Guid? Medico, string? FechadaPor)>(
            "SELECT status, medico_id, fechada_por FROM vagas WHERE id = @vaga", new { vaga })).Single();
        Assert.Equal(("reservada", (Guid?)medico, "humano"), (row.Status, row.Medico, row.FechadaPor));
        var reserva = (await f.QueryAsync<(Guid Id, string Status, string Origem, string? ReservadaPor, string? Confirmacao, Guid? ConversaId)>(
            "SELECT id, status, origem, reservada_por, confirmacao, conversa_id FROM reservas_vaga WHERE vaga_id = @vaga", new { vaga })).Single();
        Assert.Equal(("ativa", "humano", "Carlos Atendente", "pediu por telefone", (Guid?)conversa),
            (reserva.Status, reserva.Origem, reserva.ReservadaPor, reserva.Confirmacao, reserva.ConversaId));
        var reply = await f.PrivateReplyAsync(chatwootId, 1);
        Assert.Contains("Plantão reservado", reply);
        Assert.Contains("Hospital da Nota", reply);
        Assert.Contains("19:00–07:00", reply);
        Assert.Contains("R$ 2.100", reply);
        Assert.Contains(Start(reserva.Id), reply);
        Assert.Contains("expira em 24 horas", reply);
        Assert.Contains("/confirmar", reply);
        var slack = await f.WaitSlackAsync(m => HumanLoopFixture.SlackTextContains(m, "Plantão reservado") && HumanLoopFixture.SlackMentions(m, "Hospital da Nota"));
        Assert.True(HumanLoopFixture.SlackMentions(slack, "feita pela equipe (Carlos Atendente)"), slack.ToJsonString());

        // The note is staff's: nothing to the doctor, no takeover, not a message of the staff to him.
        Assert.Equal(sentBefore, await f.ScalarAsync<long>("SELECT count(*) FROM fila_mensagens WHERE medico_id = @medico", new { medico }));
        Assert.Equal("ai", await f.ControlAsync(conversa));
        Assert.Equal(0, await f.ScalarAsync<long>("SELECT count(*) FROM interacoes WHERE medico_id = @medico AND autor_tipo = 'humano'", new { medico }));

        // Chatwoot delivers the same note again: nothing reserved again, no second answer.
        var again = await f.PostNoteAsync(note);
        Assert.Equal("ignored", again.GetProperty("status").GetString());
        Assert.Contains("já tratado", again.GetProperty("acao").GetString());
        Assert.Equal(1, await ReservationsOfShiftAsync(vaga));
        Assert.Equal(1, await AnswersQueuedAsync(conversa));

        await f.NoteAsync(chatwootId, phone, "/confirmar ligou e aceitou");
        Assert.Contains("Plantão confirmado", await f.PrivateReplyAsync(chatwootId, 2));
        Assert.Equal(("confirmada", "confirmada"), StaffReservationAsserts.Pick(await f.StateAsync(reserva.Id)));
        Assert.Equal(2, f.PrivateReplies(chatwootId).Count);
    }

    /// <summary>
    /// Chatwoot re-sends a webhook it thinks failed, and two api processes may each get one: deliveries of one note at the
    /// same instant run it once — one reservation, one answer — and the others are `ignored` as already handled.
    /// </summary>
    [Fact]
    public async Task DeliveriesOfOneNoteAtTheSameInstantRunItOnce()
    {
        const string phone = "5511977730009";
        var (_, conversa, chatwootId) = await f.DoctorAsync(phone, "reservar_nota_simultanea");
        var vaga = await f.OpenShiftAsync("reservar_nota_simultanea", "Hospital Simultâneo");
        var note = HumanLoopFixture.StaffNote(chatwootId, phone, $"/reservar {Start(vaga)}");

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => f.PostNoteAsync(note))));

        Assert.Equal(["ignored", "ignored", "ignored", "ok"], answers.Select(a => a.GetProperty("status").GetString()).Order());
        Assert.Equal(1, await ReservationsOfShiftAsync(vaga));
        Assert.Equal(1, await AnswersQueuedAsync(conversa));
        Assert.Contains("Plantão reservado", await f.PrivateReplyAsync(chatwootId, 1));
    }

    [Fact]
    public async Task ReservarAloneAnswersHowAndListsHisOpenShiftsAsJuliasSearchFindsThem()
    {
        const string phone = "5511977730002";
        var (medico, conversa, chatwootId) = await f.DoctorAsync(phone, "reservar_lista_teste");
        var first = await f.OpenShiftAsync("reservar_lista_teste", "Hospital Lista Um");
        var second = await f.OpenShiftAsync("reservar_lista_teste", "Hospital Lista Dois");
        var blocked = await f.OpenShiftAsync("reservar_lista_teste", "Hospital Lista Bloqueado");
        await f.ExecuteAsync("""UPDATE medicos SET preferencias_detectadas = '{"hospitais_bloqueados": ["Hospital Lista Bloqueado"]}' WHERE id = @medico""", new { medico });
        var held = await f.OpenShiftAsync("reservar_lista_teste", "Hospital Lista Dele");
        await f.HoldAsync(held, medico, conversa);
        var clash = await f.ScalarAsync<Guid>("""
            INSERT INTO vagas (hospital_id, especialidade_id, periodo_id, data, hora_inicio, hora_fim, valor, status)
            SELECT (SELECT id FROM hospitais WHERE nome = 'Hospital Lista Um'), especialidade_id, periodo_id, data, '21:00', '09:00', 1500, 'aberta'
            FROM vagas WHERE id = @held RETURNING id
            """, new { held });
        await ShiftOfAnotherSpecialtyAsync("reservar_lista_outra", "Hospital Lista Outra");

        await f.NoteAsync(chatwootId, phone, "/reservar");

        var reply = await f.PrivateReplyAsync(chatwootId, 1);
        Assert.Contains("/reservar <início do id da vaga> [notas]", reply);
        Assert.Contains($"• {Start(first)} — Hospital Lista Um (Santo André), ", reply);
        Assert.Contains("noturno, 19:00–07:00, R$ 2.100", reply);
        Assert.Contains($"• {Start(second)} — Hospital Lista Dois", reply);
        Assert.DoesNotContain(Start(blocked), reply);
        Assert.DoesNotContain(Start(clash), reply);
        Assert.DoesNotContain("Hospital Lista Outra", reply);
        Assert.DoesNotContain(Start(held), reply);

        // An id start that names no shift: said, with the same list.
        await f.NoteAsync(chatwootId, phone, "/reservar 0000-0000 amanhã");
        var none = await f.PrivateReplyAsync(chatwootId, 2);
        Assert.Contains("Nenhum plantão começa com 00000000", none);
        Assert.Contains(Start(first), none);
        Assert.Equal(0, await ReservationsOfShiftAsync(first) + await ReservationsOfShiftAsync(second));
    }

    [Fact]
    public async Task AnIdStartOfSeveralShiftsListsThemAndHisReservableOneWinsOverOneHeCannotHave()
    {
        const string phone = "5511977730003";
        var (medico, _, chatwootId) = await f.DoctorAsync(phone, "reservar_ambiguo_teste");
        var a = await WithIdAsync(await f.OpenShiftAsync("reservar_ambiguo_teste", "Hospital Ambíguo A"), "c0ffee01-aaaa-4000-8000-000000000001");
        var b = await WithIdAsync(await f.OpenShiftAsync("reservar_ambiguo_teste", "Hospital Ambíguo B"), "c0ffee01-bbbb-4000-8000-000000000002");

        var answer = await f.NoteAsync(chatwootId, phone, "/reservar c0ffee01");

        Assert.Contains("ambíguo", answer.GetProperty("acao").GetString());
        var which = await f.PrivateReplyAsync(chatwootId, 1);
        Assert.Contains("Mais de um plantão começa com c0ffee01", which);
        Assert.Contains("• c0ffee01a — Hospital Ambíguo A", which);   // as many digits as tell them apart
        Assert.Contains("• c0ffee01b — Hospital Ambíguo B", which);
        Assert.Equal(0, await ReservationsOfShiftAsync(a) + await ReservationsOfShiftAsync(b));

        await f.NoteAsync(chatwootId, phone, "/reservar c0ffee01b");
        Assert.Contains("Hospital Ambíguo B", await f.PrivateReplyAsync(chatwootId, 2));
        Assert.Equal((0L, 1L), (await ReservationsOfShiftAsync(a), await ReservationsOfShiftAsync(b)));

        // The same start on a cancelled shift and an open one: the open one is the one meant.
        var cancelled = await WithIdAsync(await f.OpenShiftAsync("reservar_ambiguo_teste", "Hospital Cancelado"), "c0ffee02-aaaa-4000-8000-000000000001");
        await f.ExecuteAsync("UPDATE vagas SET status = 'cancelada' WHERE id = @cancelled", new { cancelled });
        var open = await WithIdAsync(await f.OpenShiftAsync("reservar_ambiguo_teste", "Hospital Aberto"), "c0ffee02-bbbb-4000-8000-000000000002");
        await f.NoteAsync(chatwootId, phone, "/reservar c0ffee02");
        Assert.Contains("Plantão reservado para ele: Hospital Aberto", await f.PrivateReplyAsync(chatwootId, 3));
        Assert.Equal(medico, await f.ScalarAsync<Guid>("SELECT medico_id FROM vagas WHERE id = @open", new { open }));
        Assert.Equal(0, await ReservationsOfShiftAsync(cancelled));
    }

    [Fact]
    public async Task EachRefusalIsSaidInWordsAndReservesNothing()
    {
        const string phone = "5511977730004";
        var (medico, conversa, chatwootId) = await f.DoctorAsync(phone, "reservar_recusa_teste");
        var (other, otherConversa, _) = await f.DoctorAsync("5511977730005", "reservar_recusa_teste");
        var taken = await f.OpenShiftAsync("reservar_recusa_teste", "Hospital Tomado");
        await f.HoldAsync(taken, other, otherConversa);
        var his = await f.OpenShiftAsync("reservar_recusa_teste", "Hospital Já Dele");
        var hisHold = await f.HoldAsync(his, medico, conversa);
        var overlap = await f.ScalarAsync<Guid>("""
            INSERT INTO vagas (hospital_id, especialidade_id, periodo_id, data, hora_inicio, hora_fim, valor, status)
            SELECT hospital_id, especialidade_id, periodo_id, data, '21:00', '09:00', 1500, 'aberta' FROM vagas WHERE id = @his RETURNING id
            """, new { his });
        var cancelled = await f.OpenShiftAsync("reservar_recusa_teste", "Hospital Cancelou");
        await f.ExecuteAsync("UPDATE vagas SET status = 'cancelada' WHERE id = @cancelled", new { cancelled });
        var started = await f.OpenShiftAsync("reservar_recusa_teste", "Hospital Começou");
        await f.ExecuteAsync("UPDATE vagas SET data = (now() AT TIME ZONE 'America/Sao_Paulo')::date - 1 WHERE id = @started", new { started });
        var otherSpecialty = await ShiftOfAnotherSpecialtyAsync("reservar_recusa_outra", "Hospital Outra Especialidade");
        // Legacy statuses an import may carry: said in words, never as the column's value (an audit of what people read,
        // 2026-12-05: "o plantão não está aberto (pendente_confirmacao)").
        var closed = await f.OpenShiftAsync("reservar_recusa_teste", "Hospital Fechou");
        await f.ExecuteAsync("UPDATE vagas SET status = 'fechada' WHERE id = @closed", new { closed });
        var pending = await f.OpenShiftAsync("reservar_recusa_teste", "Hospital Pendente");
        await f.ExecuteAsync("UPDATE vagas SET status = 'pendente_confirmacao' WHERE id = @pending", new { pending });
        // A hospital the catalogue has no city for: "Hospital Sem Cidade", never "Hospital Sem Cidade ()".
        var noCity = await f.OpenShiftAsync("reservar_recusa_teste", "Hospital Sem Cidade");
        await f.ExecuteAsync("UPDATE hospitais SET cidade = '' WHERE id = (SELECT hospital_id FROM vagas WHERE id = @noCity)", new { noCity });
        await f.ExecuteAsync("UPDATE vagas SET status = 'fechada' WHERE id = @noCity", new { noCity });

        var cases = new (Guid Vaga, string Said)[]
        {
            (taken, "já está reservado ou confirmado para outro médico"),
            (his, $"ele já tem esse plantão (reserva {Start(hisHold)}, pré-reserva ativa)"),
            (overlap, "ele já tem um plantão nesse horário: Hospital Já Dele"),
            (cancelled, "o plantão foi cancelado"),
            (started, "já começou ou passou"),
            (otherSpecialty, "especialidade diferente da do médico"),
            (closed, "o plantão está fechado: só um plantão aberto ou anunciado pode ser reservado"),
            (pending, "o plantão está aguardando confirmação de outro médico"),
            (noCity, "Não deu para reservar Hospital Sem Cidade, "),
        };
        var number = 0;
        foreach (var (vaga, said) in cases)
        {
            var before = await ReservationsOfShiftAsync(vaga);
            var answer = await f.NoteAsync(chatwootId, phone, $"/reservar {Start(vaga)}");
            Assert.Contains("recusada", answer.GetProperty("acao").GetString());
            var reply = await f.PrivateReplyAsync(chatwootId, ++number);
            Assert.Contains("Não deu para reservar", reply);
            Assert.Contains(said, reply);
            Assert.DoesNotMatch(@"\(\s*\)|\b(fechada|pendente_confirmacao|nao_reservavel|ja_reservada)\b", reply);
            Assert.Equal(before, await ReservationsOfShiftAsync(vaga));
        }

        var open = await f.OpenShiftAsync("reservar_recusa_teste", "Hospital Para Bloqueado");
        await f.ExecuteAsync("UPDATE medicos SET bloqueado = true WHERE id = @medico", new { medico });
        await f.NoteAsync(chatwootId, phone, $"/reservar {Start(open)}");
        Assert.Contains("bloqueado", await f.PrivateReplyAsync(chatwootId, ++number));
        Assert.Equal(0, await ReservationsOfShiftAsync(open));
        Assert.Equal("aberta", await f.ScalarAsync<string>("SELECT status FROM vagas WHERE id = @open", new { open }));
    }
}
