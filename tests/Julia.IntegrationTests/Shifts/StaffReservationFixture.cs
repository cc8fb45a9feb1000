using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Julia.IntegrationTests.Chatwoot;
using Julia.Shifts;
using Microsoft.Extensions.DependencyInjection;

namespace Julia.IntegrationTests.Shifts;

/// <summary>
/// Júlia with Chatwoot and Slack on (fake servers), plus what staff decisions need: a doctor with a conversation
/// (mapped in Chatwoot) and open shifts of a specialty of their own, reserved through the real `reservar_plantao` path.
/// </summary>
public class StaffReservationFixture : HumanLoopFixture
{
    int nextShift;

    /// <summary>A doctor of <paramref name="specialty"/> who wrote once, with his Chatwoot conversation.</summary>
    public async Task<(Guid Medico, Guid Conversa, long ChatwootId)> DoctorAsync(string phone, string specialty)
    {
        var (conversa, chatwootId) = await DoctorInChatwootAsync(phone);
        var medico = await ScalarAsync<Guid>("SELECT medico_id FROM conversations WHERE id = @conversa", new { conversa });
        await ExecuteAsync("""
            INSERT INTO especialidades (nome) VALUES (@specialty) ON CONFLICT (nome) DO NOTHING;
            UPDATE medicos SET especialidade_id = (SELECT id FROM especialidades WHERE nome = @specialty), primeiro_nome = 'Ana' WHERE id = @medico;
            """, new { specialty, medico });
        return (medico, conversa, chatwootId);
    }

    /// <summary>An open shift of the specialty, a few days ahead, on a day of its own (no overlap between tests).</summary>
    public Task<Guid> OpenShiftAsync(string specialty, string hospital = "Hospital Confirmação") =>
        ScalarAsync<Guid>("""
            WITH h AS (INSERT INTO hospitais (nome, cidade) VALUES (@hospital, 'Santo André')
                       ON CONFLICT (nome, cidade) DO UPDATE SET nome = EXCLUDED.nome RETURNING id),
                 p AS (INSERT INTO periodos (nome, "index", hora_inicio, hora_fim) VALUES ('noturno', 3, '19:00', '07:00')
                       ON CONFLICT (nome) DO UPDATE SET nome = EXCLUDED.nome RETURNING id)
            INSERT INTO vagas (hospital_id, especialidade_id, periodo_id, data, hora_inicio, hora_fim, valor, status)
            SELECT h.id, (SELECT id FROM especialidades WHERE nome = @specialty), p.id, (now() AT TIME ZONE 'America/Sao_Paulo')::date + 3 + @day, '19:00', '07:00', 2100, 'aberta'
            FROM h, p RETURNING id
            """, new { hospital, specialty, day = Interlocked.Increment(ref nextShift) * 2 });

    /// <summary>Júlia's hold on the shift for the doctor, through <see cref="ShiftStore.ReserveAsync"/>.</summary>
    public async Task<Guid> HoldAsync(Guid vaga, Guid medico, Guid conversa)
    {
        var result = await App.Services.GetRequiredService<ShiftStore>().ReserveAsync(new ReservationRequest(vaga, medico, conversa, "sim, pode reservar"), default);
        Assert.True(result.Succeeded, result.Outcome);
        return result.ReservationId!.Value;
    }

    Guid? badInputHold;

    /// <summary>One `ativa` hold that bad requests aim at (made once per fixture).</summary>
    public async Task<Guid> BadInputHoldAsync()
    {
        if (badInputHold is { } known) return known;
        var (medico, conversa, _) = await DoctorAsync("5511977710099", "invalido_teste");
        badInputHold = await HoldAsync(await OpenShiftAsync("invalido_teste"), medico, conversa);
        return badInputHold.Value;
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, object? body) =>
        body is null ? Client.PostAsync(path, null) : Client.PostAsJsonAsync(path, body);

    public async Task<JsonObject> OkJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public Task<(string Status, string Vaga, DateTime? ConfirmadaEm, DateTime? EncerradaEm)> StateAsync(Guid reserva) =>
        QueryAsync<(string, string, DateTime?, DateTime?)>("""
            SELECT r.status, v.status, r.confirmada_em, r.encerrada_em FROM reservas_vaga r JOIN vagas v ON v.id = r.vaga_id WHERE r.id = @reserva
            """, new { reserva }).ContinueWith(t => t.Result.Single());

    public Task<long> NoticesAsync(string kind, Guid reserva) =>
        ScalarAsync<long>("SELECT count(*) FROM notificacoes WHERE tipo = @kind AND payload->>'reserva_id' = @id", new { kind, id = reserva.ToString() });

    public Task<List<QueueRowOf>> ConfirmationMessagesAsync(Guid medico) => QueryAsync<QueueRowOf>("""
        SELECT conteudo AS Conteudo, status AS Status, tipo AS Tipo, conversa_id AS ConversaId FROM fila_mensagens
        WHERE medico_id = @medico AND metadata->>'tipo_sistema' = 'confirmacao_reserva' ORDER BY created_at
        """, new { medico });
}

public sealed record QueueRowOf(string Conteudo, string Status, string Tipo, Guid? ConversaId);
