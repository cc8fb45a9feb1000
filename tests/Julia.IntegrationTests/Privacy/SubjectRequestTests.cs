using System.Net;
using System.Text.Json.Nodes;
using Julia.Doctors;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Privacy;

/// <summary>
/// LGPD data-subject requests (docs/decisions.md#lgpd) on a running Júlia: the export names every table that can hold
/// the doctor, the erasure leaves no trace of his phone, name or CRM in any column or Redis key while the counts stay,
/// a second erasure changes nothing, and the same phone writing again is a new, clean doctor.
/// </summary>
public sealed class SubjectRequestTests(PrivacyFixture f) : IClassFixture<PrivacyFixture>
{
    /// <summary>Tables holding a row about the doctor: those with a foreign key to medicos, and to those, transitively.</summary>
    const string TablesReachingMedicos = """
        WITH RECURSIVE reach(tabela) AS (
            SELECT 'medicos'::regclass
            UNION
            SELECT c.conrelid::regclass FROM pg_constraint c JOIN reach r ON c.confrelid = r.tabela WHERE c.contype = 'f')
        SELECT tabela::text FROM reach
        """;

    [Fact]
    public async Task TheExportHasASectionForEveryTableThatReferencesTheDoctorAndTheAuditKeepsOnlyCounts()
    {
        var doctor = await f.DoctorWithHistoryAsync("5511988887701", "Wenceslau", "Quixabeira", "918273");
        var schemaTables = await f.QueryAsync<string>(TablesReachingMedicos);

        var export = await f.ExportAsync(doctor.Id);

        var tables = export["tabelas"]!.AsObject();
        var missing = schemaTables.Where(t => !tables.ContainsKey(t)).ToList();
        Assert.True(missing.Count == 0, $"the export forgets tables that reference medicos: {string.Join(", ", missing)}");
        Assert.Contains("conversations", schemaTables);
        Assert.Contains("notificacoes", schemaTables);
        Assert.Equal(doctor.Phone, tables["medicos"]![0]!["telefone"]!.GetValue<string>());
        Assert.Equal("918273", tables["medicos"]![0]!["crm"]!.GetValue<string>());
        Assert.Contains(tables["interacoes"]!.AsArray(), i => i!["conteudo"]?.GetValue<string>()?.Contains("CRM 918273") == true);
        Assert.Contains(tables["interacoes"]!.AsArray(), i => i!["direcao"]!.GetValue<string>() == "saida");
        foreach (var table in new[] { "conversations", "fila_mensagens", "handoffs", "reservas_vaga", "vagas", "envios_campanha", "notificacoes",
                     "avaliacoes_qualidade", "sugestoes_prompt", "metricas_deteccao_bot", "diretrizes" })
            Assert.True(tables[table]!.AsArray().Count > 0, $"{table} is empty in the export");
        Assert.Equal(3, tables["notificacoes"]!.AsArray().Count);
        Assert.Equal("1765387400", export["redis"]![$"rate:ultimo:{doctor.Phone}"]!.ToString());

        var audit = await f.QueryAsync<(string Tipo, string Contagens, string Texto)>(
            "SELECT tipo, contagens::text, to_jsonb(s)::text FROM solicitacoes_titular s WHERE medico_id = @id", new { id = doctor.Id });
        var row = Assert.Single(audit);
        Assert.Equal("exportar", row.Tipo);
        Assert.Equal(tables["interacoes"]!.AsArray().Count, JsonNode.Parse(row.Contagens)!["interacoes"]!.GetValue<int>());
        Assert.All(doctor.Identifiers, id => Assert.DoesNotContain(id, row.Texto));
    }

    [Fact]
    public async Task ErasureLeavesNoPhoneNameOrCrmInAnyColumnOrRedisKeyAndTheCountsStay()
    {
        var doctor = await f.DoctorWithHistoryAsync("5511988887702", "Eustáquio", "Piracanjuba", "774411");
        var bystander = await f.DoctorWithHistoryAsync("5511988887703", "Filomena", "Tabaréu", "552299");
        Assert.NotEmpty(await f.WhereFoundAsync(doctor.Identifiers));
        const string countsSql = """
            SELECT (SELECT count(*) FROM conversations WHERE medico_id = @id) || '/' || (SELECT count(*) FROM interacoes WHERE medico_id = @id)
                || '/' || (SELECT count(*) FROM fila_mensagens WHERE medico_id = @id) || '/' || (SELECT count(*) FROM handoffs WHERE medico_id = @id)
                || '/' || (SELECT count(*) FROM reservas_vaga WHERE medico_id = @id) || '/' || (SELECT count(*) FROM envios_campanha WHERE medico_id = @id)
                || '/' || (SELECT count(*) FROM avaliacoes_qualidade a JOIN conversations c ON c.id = a.conversa_id WHERE c.medico_id = @id)
                || '/' || (SELECT count(*) FROM medicos WHERE id = @id)
            """;
        var countsBefore = await f.ScalarAsync<string>(countsSql, new { id = doctor.Id });

        var answer = await f.EraseAsync(doctor.Id);

        Assert.Equal("apagado", answer["status"]!.GetValue<string>());
        var request = answer["solicitacao"]!;
        Assert.Equal("apagar", request["tipo"]!.GetValue<string>());
        Assert.Equal("pedido por e-mail", request["motivo"]!.GetValue<string>());
        Assert.Equal("dpo@empresa", request["solicitado_por"]!.GetValue<string>());
        Assert.Equal(1, request["contagens"]!["medicos"]!.GetValue<int>());
        Assert.True(request["contagens"]!["interacoes"]!.GetValue<int>() >= 2);
        Assert.Equal(3, request["contagens"]!["notificacoes"]!.GetValue<int>());
        Assert.Equal("apagado", request["externos"]!["chatwoot"]!["status"]!.GetValue<string>());
        Assert.EndsWith("-03:00", request["concluido_em"]!.GetValue<string>());

        var left = await f.WhereFoundAsync(doctor.Identifiers);
        Assert.True(left.Count == 0, "personal data left after the erasure:\n" + string.Join("\n", left));
        Assert.Equal(countsBefore, await f.ScalarAsync<string>(countsSql, new { id = doctor.Id }));
        Assert.Contains("medicos.telefone ∋ " + bystander.Phone, await f.WhereFoundAsync(bystander.Phone));
        var bystanderData = await f.WhereFoundAsync(bystander.Crm, bystander.First);
        Assert.Contains("medicos.crm ∋ " + bystander.Crm, bystanderData);
        Assert.Contains("interacoes.conteudo ∋ " + bystander.First, bystanderData);
        Assert.False(f.Chatwoot.HasContact(doctor.ChatwootContact));
        Assert.True(f.Chatwoot.HasContact(bystander.ChatwootContact));
        Assert.Contains(f.Chatwoot.Requests, r => r.Method == "DELETE" && r.Path == $"/api/v1/accounts/1/contacts/{doctor.ChatwootContact}");
        Assert.Equal(0L, await f.ScalarAsync<long>(
            "SELECT count(*) FROM fila_mensagens WHERE medico_id = @id AND status = 'pendente'", new { id = doctor.Id }));
        Assert.Equal("resolvido", await f.ScalarAsync<string>("SELECT status FROM handoffs WHERE medico_id = @id", new { id = doctor.Id }));
        Assert.Equal(0L, await f.ScalarAsync<long>(
            "SELECT count(*) FROM conversations WHERE medico_id = @id AND status IN ('active', 'paused')", new { id = doctor.Id }));
        var exported = await f.ExportAsync(doctor.Id);
        Assert.True(exported["titular"]!["apagado"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ErasingTwiceIsHarmless()
    {
        var doctor = await f.DoctorWithHistoryAsync("5511988887704", "Deocleciano", "Jurubeba", "330011");
        var first = await f.EraseAsync(doctor.Id);
        var rowsAfterFirst = await f.ScalarAsync<string>("SELECT to_jsonb(m)::text FROM medicos m WHERE id = @id", new { id = doctor.Id });

        var second = await f.EraseAsync(doctor.Id, new { motivo = "de novo" });

        Assert.Equal("ja_apagado", second["status"]!.GetValue<string>());
        Assert.Equal(first["solicitacao"]!["id"]!.ToString(), second["solicitacao"]!["id"]!.ToString());
        Assert.Equal(rowsAfterFirst, await f.ScalarAsync<string>("SELECT to_jsonb(m)::text FROM medicos m WHERE id = @id", new { id = doctor.Id }));
        Assert.Equal(1L, await f.ScalarAsync<long>(
            "SELECT count(*) FROM solicitacoes_titular WHERE medico_id = @id AND tipo = 'apagar'", new { id = doctor.Id }));
        Assert.Single(f.Chatwoot.Requests, r => r.Method == "DELETE" && r.Path.EndsWith($"/contacts/{doctor.ChatwootContact}", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TheSamePhoneWritingAgainIsANewCleanDoctorStillOptedOutIfHeHadOptedOut(bool optedOut)
    {
        var phone = optedOut ? "5511988887705" : "5511988887706";
        var doctor = await f.DoctorWithHistoryAsync(phone, optedOut ? "Anacleto" : "Belarmino", "Sucupira", optedOut ? "661100" : "661101");
        if (optedOut)
            await f.ExecuteAsync("UPDATE medicos SET opted_out = true, opted_out_at = now(), stage_jornada = 'opt_out' WHERE id = @id", new { id = doctor.Id });
        await f.EraseAsync(doctor.Id);

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, Text(phone, "oi de novo", pushName: "Outro Nome"))).StatusCode);
        await f.WaitProcessedAsync(phone);

        var again = Assert.Single(await f.QueryAsync<(Guid Id, bool OptedOut, string? Reason, string? Crm, string Prefs)>(
            "SELECT id, opted_out, opted_out_reason, crm, preferencias_detectadas::text FROM medicos WHERE telefone = @phone", new { phone }));
        Assert.NotEqual(doctor.Id, again.Id);
        Assert.Equal(optedOut, again.OptedOut);
        Assert.Equal(optedOut ? DoctorStore.ErasedOptOutReason : null, again.Reason);
        Assert.Null(again.Crm);
        Assert.Equal("{}", again.Prefs);
        Assert.Equal(1L, await f.ScalarAsync<long>("SELECT count(*) FROM interacoes WHERE medico_id = @id AND direcao = 'entrada'", new { id = again.Id }));
        Assert.Equal(0L, await f.ScalarAsync<long>(
            "SELECT count(*) FROM interacoes WHERE medico_id = @id AND conteudo IS NOT NULL", new { id = doctor.Id }));
    }

    [Fact]
    public async Task ADoctorImportedWithTheLegacyPhoneWhoOptedOutIsStillOptedOutWhenHeWritesAfterTheErasure()
    {
        const string canonical = "5511988887709", legacy = "551188887709";
        var id = await f.ScalarAsync<Guid>("""
            INSERT INTO medicos (telefone, primeiro_nome, crm, origem, opted_out, opted_out_at, stage_jornada)
            VALUES (@legacy, 'Teodósio', '770099', 'import', true, now(), 'opt_out') RETURNING id
            """, new { legacy });
        await f.EraseAsync(id);

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, Text(canonical, "oi, voltei"))).StatusCode);
        await f.WaitProcessedAsync(canonical);

        var again = Assert.Single(await f.QueryAsync<(Guid Id, bool OptedOut, string? Reason)>(
            "SELECT id, opted_out, opted_out_reason FROM medicos WHERE telefone = @canonical", new { canonical }));
        Assert.NotEqual(id, again.Id);
        Assert.True(again.OptedOut);
        Assert.Equal(DoctorStore.ErasedOptOutReason, again.Reason);
    }

    [Fact]
    public async Task ALidOnlyDoctorWhoOptedOutIsErasedAndComesBackFromTheSameLidAsANewOptedOutDoctor()
    {
        const string lid = "100000000000881@lid";
        async Task WriteAsync(string text)
        {
            var body = Text("0", text, pushName: "Zacarias Tamarindo");
            body["data"]!["key"]!["remoteJid"] = lid;
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, body)).StatusCode);
            await Eventually.MatchesAsync(() => f.ScalarAsync<long>("""
                SELECT count(*) FROM interacoes i JOIN medicos m ON m.id = i.medico_id
                WHERE m.whatsapp_lid = @lid AND i.direcao = 'entrada' AND i.processado_em IS NULL
                """, new { lid }), n => n == 0);
        }
        await WriteAsync("oi, aqui é o Zacarias");
        var id = await f.ScalarAsync<Guid>("SELECT id FROM medicos WHERE whatsapp_lid = @lid", new { lid });
        await f.ExecuteAsync("UPDATE medicos SET opted_out = true, opted_out_at = now(), stage_jornada = 'opt_out' WHERE id = @id", new { id });

        await f.EraseAsync(id);

        Assert.Empty(await f.WhereFoundAsync("100000000000881", "Zacarias", "Tamarindo"));
        await WriteAsync("oi de novo");
        var again = Assert.Single(await f.QueryAsync<(Guid Id, bool OptedOut)>("SELECT id, opted_out FROM medicos WHERE whatsapp_lid = @lid", new { lid }));
        Assert.NotEqual(id, again.Id);
        Assert.True(again.OptedOut);
    }

    [Fact]
    public async Task AnErasedOptedOutPhoneThatComesBackBesideANewLidMakesThatLidOnlyDoctorOptedOut()
    {
        const string phone = "5511988887712", lid = "100000000000882@lid";
        var erased = await f.DoctorWithHistoryAsync(phone, "Quitéria", "Jabuticaba", "661112");
        await f.ExecuteAsync("UPDATE medicos SET opted_out = true, opted_out_at = now(), stage_jornada = 'opt_out' WHERE id = @id", new { id = erased.Id });
        await f.EraseAsync(erased.Id);

        // He writes from a LID first (no phone: a new doctor, nothing to tell him from anyone else)…
        var first = Text("0", "oi, voltei", pushName: "Quitéria");
        first["data"]!["key"]!["remoteJid"] = lid;
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, first)).StatusCode);
        await Eventually.MatchesAsync(() => f.ScalarAsync<long>("SELECT count(*) FROM medicos WHERE whatsapp_lid = @lid", new { lid }), n => n == 1);
        Assert.False(await f.ScalarAsync<bool>("SELECT opted_out FROM medicos WHERE whatsapp_lid = @lid", new { lid }));
        // …then with his phone beside the LID: he is given the phone, and the phone's erased opt-out with it.
        var second = Text("0", "tem plantão?", pushName: "Quitéria");
        second["data"]!["key"]!["remoteJid"] = lid;
        second["data"]!["key"]!["remoteJidAlt"] = phone + "@s.whatsapp.net";
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, second)).StatusCode);

        var again = Assert.Single(await f.QueryAsync<(string? Telefone, bool OptedOut, string? Reason, string Stage)>(
            "SELECT telefone, opted_out, opted_out_reason, stage_jornada FROM medicos WHERE whatsapp_lid = @lid", new { lid }));
        Assert.Equal((phone, true, DoctorStore.ErasedOptOutReason, "opt_out"), again);
    }

    [Fact]
    public async Task UnknownDoctorsAre404AndBadInputIs400WithTheAdminToken()
    {
        var unknown = Guid.NewGuid();

        using var export = await f.AdminAsync(HttpMethod.Get, $"/admin/medicos/{unknown}/dados");
        using var erase = await f.AdminAsync(HttpMethod.Post, $"/admin/medicos/{unknown}/apagar", new { motivo = "x" });
        using var tooLong = await f.AdminAsync(HttpMethod.Post, $"/admin/medicos/{unknown}/apagar", new { motivo = new string('x', 501) });
        using var noToken = await f.AdminAsync(HttpMethod.Post, $"/admin/medicos/{unknown}/apagar", token: null);
        using var noBody = await f.AdminAsync(HttpMethod.Post, $"/admin/medicos/{unknown}/apagar");

        Assert.Equal(HttpStatusCode.NotFound, export.StatusCode);
        Assert.Equal("application/problem+json", export.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, erase.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noBody.StatusCode);
        Assert.Equal(0L, await f.ScalarAsync<long>("SELECT count(*) FROM solicitacoes_titular WHERE medico_id = @unknown", new { unknown }));
    }
}

/// <summary>Chatwoot down during an erasure: the database erasure stands and the failure is in the audit row.</summary>
public sealed class SubjectErasureWithChatwootDownTests(PrivacyFixture f) : IClassFixture<PrivacyFixture>
{
    [Fact]
    public async Task AChatwootFailureIsRecordedAndDoesNotUndoTheErasure()
    {
        var doctor = await f.DoctorWithHistoryAsync("5511988887707", "Genésio", "Caraguatá", "118822");
        f.Chatwoot.Down = true;

        var answer = await f.EraseAsync(doctor.Id);

        Assert.Equal("apagado", answer["status"]!.GetValue<string>());
        var chatwoot = answer["solicitacao"]!["externos"]!["chatwoot"]!;
        Assert.Equal("falhou", chatwoot["status"]!.GetValue<string>());
        // The database no longer knows the contact: the audit row keeps its id for the manual deletion.
        Assert.Equal(doctor.ChatwootContact.ToString(), chatwoot["contato_id"]!.GetValue<string>());
        Assert.Equal("falhou", await f.ScalarAsync<string>(
            "SELECT externos->'chatwoot'->>'status' FROM solicitacoes_titular WHERE medico_id = @id AND tipo = 'apagar'", new { id = doctor.Id }));
        Assert.Empty(await f.WhereFoundAsync(doctor.Identifiers));
        Assert.Contains(f.App.Logs.Lines, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Error && l.Message.Contains("chatwoot", StringComparison.Ordinal));
    }
}

/// <summary>The caller going away after the database erasure committed: Chatwoot and the audit row are still done.</summary>
public sealed class SubjectErasureCallerGoneTests(PrivacyFixture f) : IClassFixture<PrivacyFixture>
{
    [Fact]
    public async Task ACallerThatHangsUpWhileChatwootIsAskedStillGetsTheContactDeletedAndRecorded()
    {
        var doctor = await f.DoctorWithHistoryAsync("5511988887711", "Hermenegildo", "Pitanga", "118833");
        using var caller = new CancellationTokenSource();
        f.Chatwoot.OnRequest = call => { if (call.Method == "DELETE") caller.Cancel(); };
        try
        {
            var eraser = f.App.Services.GetRequiredService<Julia.Privacy.SubjectEraser>();

            var result = await eraser.EraseAsync(doctor.Id, "dpo", null, caller.Token);

            Assert.NotNull(result);
            Assert.True(caller.IsCancellationRequested);
            Assert.Equal("apagado", JsonNode.Parse(result.Request.Externos)!["chatwoot"]!["status"]!.GetValue<string>());
            Assert.False(f.Chatwoot.HasContact(doctor.ChatwootContact));
            Assert.Equal("apagado", await f.ScalarAsync<string>(
                "SELECT externos->'chatwoot'->>'status' FROM solicitacoes_titular WHERE medico_id = @id AND tipo = 'apagar'", new { id = doctor.Id }));
        }
        finally
        {
            f.Chatwoot.OnRequest = null;
        }
    }

    /// <summary>
    /// Retention after an erasure (runbook "Limpeza" and the `retencao` job): his aged rows go like anyone's, each count
    /// says what was deleted, and nothing of him comes back — the anonymised row, the kept hash and the audit stay.
    /// </summary>
    [Fact]
    public async Task AfterAnErasureTheRetentionJobAndTheRunbookCleanupDeleteHisAgedRowsCountThemAndBringNothingBack()
    {
        var doctor = await f.DoctorWithHistoryAsync("5511988887709", "Hermenegilda", "Jabuticabal", "552211");
        await f.EraseAsync(doctor.Id);
        var audit = await f.ScalarAsync<string>("SELECT contagens::text FROM solicitacoes_titular WHERE medico_id = @id AND tipo = 'apagar'", new { id = doctor.Id });
        await f.ExecuteAsync("""
            UPDATE interacoes SET created_at = now() - interval '200 days' WHERE medico_id = @id;
            UPDATE fila_mensagens SET created_at = now() - interval '200 days', enviada_em = now() - interval '200 days' WHERE medico_id = @id;
            UPDATE conversations SET created_at = now() - interval '200 days', last_message_at = now() - interval '200 days' WHERE medico_id = @id;
            """, new { id = doctor.Id });
        var interactions = await f.ScalarAsync<long>("SELECT count(*) FROM interacoes WHERE created_at < now() - interval '90 days'");
        Assert.True(interactions > 0);

        using (var run = await f.AdminAsync(HttpMethod.Post, "/jobs/retencao"))
            Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        Assert.Contains(f.App.Logs.Lines, l => l.Message.Contains($"Retenção: interacoes (> 90 dias): {interactions} linha", StringComparison.Ordinal));
        Assert.Equal(0, await f.ScalarAsync<long>("SELECT count(*) FROM interacoes WHERE medico_id = @id", new { id = doctor.Id }));
        // The runbook's own statements after the job: nothing left to delete of his, nothing restored.
        await f.ExecuteAsync("""
            DELETE FROM conversations WHERE created_at < NOW() - INTERVAL '90 days';
            DELETE FROM interacoes WHERE created_at < NOW() - INTERVAL '90 days';
            DELETE FROM fila_mensagens WHERE status = 'enviada' AND enviada_em < NOW() - INTERVAL '30 days';
            """);

        Assert.Empty(await f.WhereFoundAsync(doctor.Identifiers));
        Assert.True(await f.ScalarAsync<bool>("SELECT apagado_em IS NOT NULL AND telefone IS NULL FROM medicos WHERE id = @id", new { id = doctor.Id }),
            "the anonymised row should stay, still anonymised");
        Assert.Equal(audit, await f.ScalarAsync<string>("SELECT contagens::text FROM solicitacoes_titular WHERE medico_id = @id AND tipo = 'apagar'", new { id = doctor.Id }));
        Assert.True(await f.ScalarAsync<long>("SELECT count(*) FROM titulares_apagados") > 0, "the kept hash went with the cleanup");
    }
}
