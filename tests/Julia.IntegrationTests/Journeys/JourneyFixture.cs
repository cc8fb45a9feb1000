using Julia.IntegrationTests.Shifts;
using Julia.IntegrationTests.TestHost;

namespace Julia.IntegrationTests.Journeys;

/// <summary>
/// A doctor's or a recruiter's day across features: Júlia with Chatwoot, Slack and the real Evolution client (fake
/// servers on loopback), business hours all day and no random spacing, so proactive rows go out as soon as they are due.
/// </summary>
public class JourneyFixture : StaffReservationFixture
{
    public FakeEvolution Evolution { get; private set; } = null!;

    protected override Dictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            foreach (var (key, value) in Evolution.Settings(timeoutSeconds: 2)) settings[key] = value;
            settings["DIAS_UTEIS"] = "1-7";
            settings["HORARIO_INICIO"] = "00:00";
            settings["HORARIO_FIM"] = "00:00";
            settings["INTERVALO_MIN_SEGUNDOS"] = "0";
            settings["INTERVALO_ENTRE_ENVIOS_SEGUNDOS"] = "0";
            settings["INTERVALO_MAX_SEGUNDOS"] = "0";
            return settings;
        }
    }

    public override async Task InitializeAsync()
    {
        Evolution = Peer(await FakeEvolution.StartAsync());
        await base.InitializeAsync();
    }


    /// <summary>What WhatsApp delivered to this phone, in order.</summary>
    public IReadOnlyList<string> SentTo(string phone) => Evolution.SendsByPhone().GetValueOrDefault(phone) ?? [];

    /// <summary>A doctor imported from a list (a phone and a JID, no conversation yet).</summary>
    public Task<Guid> ImportedDoctorAsync(string phone) => ScalarAsync<Guid>("""
        INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, origem) VALUES (@phone, @jid, 'Paulo', 'import') RETURNING id
        """, new { phone, jid = phone + "@s.whatsapp.net" });

    /// <summary>
    /// A campaign message the feeder queued for the doctor a minute ago and the limits hold for later (its `envios_campanha`
    /// row `enfileirado`), as `CampaignFeederJob` writes them. Returns the queue row's id.
    /// </summary>
    public async Task<Guid> QueuedCampaignMessageAsync(Guid medico, string text, string dueIn = "1 hour")
    {
        var (fila, envio) = (await QueryAsync<(Guid, Guid)>($"""
            WITH c AS (INSERT INTO campanhas (nome, tipo, mensagem_template, status, iniciada_em)
                       VALUES ('Jornada', 'oferta_plantao', @text, 'ativa', now() - interval '1 minute') RETURNING id),
                 s AS (INSERT INTO envios_campanha (campanha_id, medico_id, status) SELECT id, @medico, 'enfileirado' FROM c RETURNING id, campanha_id)
            INSERT INTO fila_mensagens (medico_id, tipo, conteudo, prioridade, agendar_para, created_at, metadata)
            SELECT @medico, 'campanha', @text, 3, now() + interval '{dueIn}', now() - interval '1 minute',
                   jsonb_build_object('campanha_id', s.campanha_id::text, 'envio_id', s.id, 'primeiro_contato', true)
            FROM s RETURNING id, (metadata->>'envio_id')::uuid
            """, new { medico, text })).Single();
        await ExecuteAsync("UPDATE envios_campanha SET fila_mensagem_id = @fila WHERE id = @envio", new { fila, envio });
        return fila;
    }

    /// <summary>A reminder he asked for (`agendar_lembrete`'s row), due later.</summary>
    public Task<Guid> PendingReminderAsync(Guid medico, Guid conversa, string dueIn = "1 day") => ScalarAsync<Guid>($"""
        INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, prioridade, agendar_para, metadata)
        VALUES (@medico, @conversa, 'lembrete_solicitado', 'Oi Dr. Paulo, tudo bem? Passando pra retomar o plantão de sábado.', 7,
                now() + interval '{dueIn}', jsonb_build_object('contexto', 'plantão de sábado', 'solicitado_em', now()))
        RETURNING id
        """, new { medico, conversa });

    public Task<(string Status, string? Reason)> RowAsync(Guid fila) =>
        QueryAsync<(string, string?)>("SELECT status, outcome_reason_code FROM fila_mensagens WHERE id = @fila", new { fila })
            .ContinueWith(t => t.Result.Single());

    /// <summary>Makes a held-back row due now and waits until the dispatcher ended it one way or another.</summary>
    public async Task<(string Status, string? Reason)> DueNowAsync(Guid fila)
    {
        await ExecuteAsync("UPDATE fila_mensagens SET agendar_para = now() WHERE id = @fila", new { fila });
        return await Eventually.MatchesAsync(() => RowAsync(fila), r => r.Status is not ("pendente" or "processando"));
    }
}
