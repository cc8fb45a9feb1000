using System.Text.Json.Nodes;
using Julia.Infrastructure.Time;
using Julia.IntegrationTests.TestHost;
using Julia.Shifts;
using Microsoft.Extensions.DependencyInjection;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;
using static Julia.IntegrationTests.TestHost.FakeAnthropic;

namespace Julia.IntegrationTests.Agent;

/// <summary>Business hours all day, every day, and no random spacing: a due reminder goes out at once.</summary>
public sealed class ReminderShiftFixture : AgentFixture
{
    protected override Dictionary<string, string?> AgentSettings => new()
    {
        ["DIAS_UTEIS"] = "1-7", ["HORARIO_INICIO"] = "00:00", ["HORARIO_FIM"] = "00:00", ["INTERVALO_MAX_SEGUNDOS"] = "0",
    };
}

/// <summary>
/// A reminder the doctor asks about a shift follows that shift (docs/decisions.md#proactive, "A reminder follows its
/// shift"): `agendar_lembrete` with `vaga_id` ties it, and right before the send the shift is read again — still his on
/// the same day and hours: sent as written; moved: sent with the new day and hours; cancelled or no longer his: not sent.
/// </summary>
public sealed class ReminderShiftTests(ReminderShiftFixture f) : IClassFixture<ReminderShiftFixture>
{
    const string Asked = "Oi Dra. Ana, tudo bem? Passando pra lembrar do seu plantão de amanhã no hospital.";

    /// <summary>A doctor of his own (Camila's specialty) holding a shift of his own, 10 days ahead, 07:00–19:00, with a hold in force.</summary>
    async Task<(Guid Doctor, Guid Shift)> DoctorHoldingAShiftAsync(string phone)
    {
        var doctor = await f.ScalarAsync<Guid>("""
            INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, titulo, origem, especialidade_id)
            SELECT @phone, @phone || '@s.whatsapp.net', 'Ana', 'Dra.', 'import', especialidade_id FROM medicos WHERE telefone = '5511992580402' RETURNING id
            """, new { phone });
        var shift = await f.ScalarAsync<Guid>("""
            WITH v AS (INSERT INTO vagas (hospital_id, especialidade_id, data, hora_inicio, hora_fim, valor, status, medico_id)
                       SELECT (SELECT id FROM hospitais ORDER BY nome LIMIT 1), especialidade_id,
                              (now() AT TIME ZONE 'America/Sao_Paulo')::date + 10, '07:00', '19:00', 2500, 'reservada', id
                       FROM medicos WHERE id = @doctor RETURNING id, medico_id)
            INSERT INTO reservas_vaga (vaga_id, medico_id, status, origem) SELECT id, medico_id, 'ativa', 'julia' FROM v RETURNING vaga_id
            """, new { doctor });
        return (doctor, shift);
    }

    /// <summary>He asks for a reminder; the model ties it to <paramref name="shift"/>. Returns what the tool answered the model.</summary>
    async Task<string> AskReminderAsync(string phone, Guid? shift)
    {
        var when = SaoPaulo.ToLocal(DateTimeOffset.UtcNow.AddDays(2));
        var args = new JsonObject { ["data_hora"] = when.ToString("yyyy-MM-dd") + "T10:00", ["contexto"] = "plantão", ["mensagem_retorno"] = Asked };
        if (shift is { } id) args["vaga_id"] = id.ToString();
        string? answer = null;
        f.Anthropic.Enqueue(Tool("agendar_lembrete", args));
        f.Anthropic.Enqueue(request =>
        {
            answer = System.Text.RegularExpressions.Regex.Unescape(request["messages"]!.AsArray()[^1]!.ToJsonString());
            return Text("Combinado!");
        });
        await PostAsync(f.Client, Text(phone, "me lembra antes do plantão?"));
        await f.WaitProcessedAsync(phone);
        return answer!;
    }

    /// <summary>Makes his reminder due now and waits for the queue to end it; returns status, motivo and text.</summary>
    async Task<(string Status, string? Reason, string Content)> SendDueReminderAsync(string phone)
    {
        await f.ExecuteAsync("""
            UPDATE fila_mensagens f SET agendar_para = now() FROM medicos m
            WHERE m.id = f.medico_id AND m.telefone = @phone AND f.tipo = 'lembrete_solicitado' AND f.status = 'pendente'
            """, new { phone });
        return (await Eventually.MatchesAsync(() => f.QueryAsync<(string Status, string? Reason, string Content)>("""
                SELECT f.status, f.outcome_reason_code, f.conteudo FROM fila_mensagens f JOIN medicos m ON m.id = f.medico_id
                WHERE m.telefone = @phone AND f.tipo = 'lembrete_solicitado'
                """, new { phone }), rows => rows.Count == 1 && rows[0].Status is not ("pendente" or "processando"))).Single();
    }

    [Fact]
    public async Task AReminderTiedToAShiftHeStillHoldsGoesOutAsWrittenAndKeepsTheShiftsTerms()
    {
        const string phone = "5511990044001";
        var (_, shift) = await DoctorHoldingAShiftAsync(phone);

        Assert.Contains("Lembrete agendado", await AskReminderAsync(phone, shift));

        var stored = (await f.QueryAsync<(string? Vaga, string? Terms, string? Tie)>("""
            SELECT f.metadata->>'vaga_id', f.metadata->'termos_oferecidos'->>(f.metadata->>'vaga_id'), f.metadata->>'vinculo_vaga'
            FROM fila_mensagens f JOIN medicos m ON m.id = f.medico_id WHERE m.telefone = @phone AND f.tipo = 'lembrete_solicitado'
            """, new { phone })).Single();
        Assert.Equal(shift.ToString(), stored.Vaga);
        Assert.Equal("reservada", stored.Tie);
        var terms = (await f.App.Services.GetRequiredService<ShiftStore>().FindAsync(shift, default))!.Terms;
        Assert.Equal(terms, stored.Terms);

        Assert.Equal(("enviada", null, Asked), await SendDueReminderAsync(phone));
        // A shift he holds is named, not offered: the sent reminder records no offer of it.
        Assert.Null(await f.ScalarAsync<string?>("""
            SELECT i.llm::text FROM interacoes i JOIN medicos m ON m.id = i.medico_id
            WHERE m.telefone = @phone AND i.origem = 'fila:lembrete_solicitado'
            """, new { phone }));
    }

    [Fact]
    public async Task AReminderWhoseShiftStaffMovedGoesOutWithTheNewDayAndHours()
    {
        const string phone = "5511990044002";
        var (_, shift) = await DoctorHoldingAShiftAsync(phone);
        await AskReminderAsync(phone, shift);
        await f.ExecuteAsync("UPDATE vagas SET data = data + 1, hora_inicio = '19:00', hora_fim = '07:00' WHERE id = @shift", new { shift });
        var moved = (await f.App.Services.GetRequiredService<ShiftStore>().FindAsync(shift, default))!;

        var (status, _, content) = await SendDueReminderAsync(phone);

        Assert.Equal("enviada", status);
        Assert.StartsWith(Asked, content);
        Assert.Contains($"agora é {moved.DayText}, das 19:00 às 07:00", content);
        Assert.Equal(content, await f.ScalarAsync<string>("""
            SELECT i.conteudo FROM interacoes i JOIN medicos m ON m.id = i.medico_id WHERE m.telefone = @phone AND i.origem = 'fila:lembrete_solicitado'
            """, new { phone }));
    }

    [Fact]
    public async Task AReminderWhoseShiftStaffCancelledIsNotSent()
    {
        const string phone = "5511990044003";
        var (_, shift) = await DoctorHoldingAShiftAsync(phone);
        await AskReminderAsync(phone, shift);
        await f.ExecuteAsync("UPDATE vagas SET status = 'cancelada', cancelada_em = now() WHERE id = @shift", new { shift });

        var (status, reason, _) = await SendDueReminderAsync(phone);

        Assert.Equal(("cancelada", "plantao_indisponivel"), (status, reason));
        Assert.Equal(0, await f.ScalarAsync<long>("""
            SELECT count(*) FROM interacoes i JOIN medicos m ON m.id = i.medico_id WHERE m.telefone = @phone AND i.origem = 'fila:lembrete_solicitado'
            """, new { phone }));
    }

    [Fact]
    public async Task AReminderWhoseHoldExpiredIsNotSentEvenThoughTheShiftIsOpenAgain()
    {
        const string phone = "5511990044004";
        var (_, shift) = await DoctorHoldingAShiftAsync(phone);
        await AskReminderAsync(phone, shift);
        await f.App.Services.GetRequiredService<ShiftStore>().ExpireHoldsAsync(TimeSpan.Zero, default);
        Assert.Equal("aberta", await f.ScalarAsync<string>("SELECT status FROM vagas WHERE id = @shift", new { shift }));

        var (status, reason, _) = await SendDueReminderAsync(phone);

        Assert.Equal(("cancelada", "plantao_indisponivel"), (status, reason));
    }

    /// <summary>
    /// A shift only offered to him (the one open shift of his specialty, in this turn's list) ties the reminder too: still
    /// open at the send → sent; reserved by someone else by then → not sent.
    /// </summary>
    [Fact]
    public async Task AReminderAboutAnOfferedShiftGoesOutWhileItIsOpenAndNotOnceSomeoneElseTookIt()
    {
        var shifts = new Dictionary<string, Guid>();
        foreach (var (phone, specialty) in new[] { ("5511990044007", "lembrete_oferta_a"), ("5511990044008", "lembrete_oferta_b") })
        {
            shifts[phone] = await f.ScalarAsync<Guid>("""
                WITH e AS (INSERT INTO especialidades (nome) VALUES (@specialty) RETURNING id),
                     m AS (INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, origem, especialidade_id)
                           SELECT @phone, @phone || '@s.whatsapp.net', 'Ana', 'import', id FROM e)
                INSERT INTO vagas (hospital_id, especialidade_id, data, hora_inicio, hora_fim, valor, status)
                SELECT (SELECT id FROM hospitais ORDER BY nome LIMIT 1), id, (now() AT TIME ZONE 'America/Sao_Paulo')::date + 9, '07:00', '19:00', 2300, 'aberta'
                FROM e RETURNING id
                """, new { phone, specialty });
            Assert.Contains("Lembrete agendado", await AskReminderAsync(phone, shifts[phone]));
        }
        Assert.Equal("oferecida", await f.ScalarAsync<string>("""
            SELECT f.metadata->>'vinculo_vaga' FROM fila_mensagens f JOIN medicos m ON m.id = f.medico_id
            WHERE m.telefone = '5511990044007' AND f.tipo = 'lembrete_solicitado'
            """));
        await f.ExecuteAsync("""
            UPDATE vagas SET status = 'reservada', medico_id = (SELECT id FROM medicos WHERE telefone = '5511992580402') WHERE id = @taken
            """, new { taken = shifts["5511990044008"] });

        Assert.Equal(("enviada", null, Asked), await SendDueReminderAsync("5511990044007"));
        var (status, reason, _) = await SendDueReminderAsync("5511990044008");
        Assert.Equal(("cancelada", "plantao_indisponivel"), (status, reason));
    }

    /// <summary>
    /// An id that is neither his nor offered to him (another specialty's shift, never in this conversation) is refused and
    /// nothing is queued: a reminder the model believes tied would not follow the shift it is about.
    /// </summary>
    [Fact]
    public async Task AShiftHeNeitherHoldsNorWasOfferedIsRefusedAndNothingIsQueued()
    {
        const string phone = "5511990044005";
        await DoctorHoldingAShiftAsync(phone);
        var stranger = await f.ScalarAsync<Guid>("""
            INSERT INTO vagas (hospital_id, especialidade_id, data, hora_inicio, hora_fim, valor, status)
            SELECT (SELECT id FROM hospitais ORDER BY nome LIMIT 1), e.id, (now() AT TIME ZONE 'America/Sao_Paulo')::date + 12, '07:00', '19:00', 2000, 'aberta'
            FROM especialidades e WHERE e.id <> (SELECT especialidade_id FROM medicos WHERE telefone = @phone) ORDER BY e.nome LIMIT 1 RETURNING id
            """, new { phone });

        Assert.Contains("nada foi agendado", await AskReminderAsync(phone, stranger));
        Assert.DoesNotContain(await f.QueueAsync(phone), q => q.Tipo == "lembrete_solicitado");
    }

    /// <summary>Without `vaga_id`, as before: nothing ties it, and a cancelled shift does not stop it.</summary>
    [Fact]
    public async Task AReminderWithoutAShiftIdGoesOutAsWrittenWhateverHappensToHisShifts()
    {
        const string phone = "5511990044006";
        var (_, shift) = await DoctorHoldingAShiftAsync(phone);
        await AskReminderAsync(phone, null);
        Assert.Null(await f.ScalarAsync<string?>("""
            SELECT f.metadata->>'vaga_id' FROM fila_mensagens f JOIN medicos m ON m.id = f.medico_id WHERE m.telefone = @phone AND f.tipo = 'lembrete_solicitado'
            """, new { phone }));
        await f.ExecuteAsync("UPDATE vagas SET status = 'cancelada', cancelada_em = now() WHERE id = @shift", new { shift });

        Assert.Equal(("enviada", null, Asked), await SendDueReminderAsync(phone));
    }
}
