using Dapper;
using Julia.Agent;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Julia.IntegrationTests.Conversations;

/// <summary>Júlia with a scripted agent and no deliberate delays (HUMANIZAR=false), on her own database and Redis.</summary>
public class PipelineFixture : IAsyncLifetime
{
    internal ScriptedAgent Agent { get; } = new();
    public TestDatabase Database { get; private set; } = null!;
    public TestRedis Redis { get; private set; } = null!;
    public JuliaAppFactory App { get; private set; } = null!;
    public NpgsqlDataSource Db { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;
    readonly FixtureTeardown teardown = new();

    /// <summary>A fake peer started for this host, closed after it even when the host's disposal fails on a leak.</summary>
    protected T Peer<T>(T peer) where T : IAsyncDisposable => teardown.Add(peer);

    protected virtual Dictionary<string, string?> Settings => new() { ["HUMANIZAR"] = "false", ["Conversations:LockWaitWarningSeconds"] = "2" };
    protected virtual bool UseScriptedAgent => true;

    /// <summary>Services the host gets on top of its own (a later registration wins: a clock of the test's).</summary>
    protected virtual void AddServices(IServiceCollection services) { }

    public virtual async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateMigratedAsync();
        Redis = TestRedis.Lease();
        App = new JuliaAppFactory(Database, Redis, Settings, s =>
        {
            if (UseScriptedAgent) s.AddSingleton<IConversationAgent>(Agent);
            AddServices(s);
        });
        Db = Database.CreateDataSource();
        Client = App.CreateClient();
    }

    // The host's disposal may fail the class on a leaked value (docs/decisions.md#log-leak-guard); everything still closes.
    public virtual Task DisposeAsync() => teardown.RunAsync(
        () => App.DisposeAsync(), () => Db.DisposeAsync(), () => Database.DisposeAsync(), () => { Redis.Dispose(); return ValueTask.CompletedTask; });

    /// <summary>A doctor with an open AI-controlled conversation, created directly in the database.</summary>
    public async Task<(Guid Medico, Guid Conversa)> DoctorAsync(string phone)
    {
        var medico = await ScalarAsync<Guid>("""
            INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, origem) VALUES (@phone, @jid, 'Teste', 'manual') RETURNING id
            """, new { phone, jid = phone + "@s.whatsapp.net" });
        var conversa = await ScalarAsync<Guid>("INSERT INTO conversations (medico_id) VALUES (@medico) RETURNING id", new { medico });
        return (medico, conversa);
    }

    public async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var c = await Db.OpenConnectionAsync();
        return await c.ExecuteScalarAsync<T>(sql, args) ?? default!;
    }

    public async Task<List<T>> QueryAsync<T>(string sql, object? args = null)
    {
        await using var c = await Db.OpenConnectionAsync();
        return (await c.QueryAsync<T>(sql, args)).ToList();
    }

    public async Task ExecuteAsync(string sql, object? args = null)
    {
        await using var c = await Db.OpenConnectionAsync();
        await c.ExecuteAsync(sql, args);
    }

    /// <summary>Waits until every inbound message of this phone has been consumed or skipped by a turn.</summary>
    public async Task WaitProcessedAsync(string phone)
    {
        try
        {
            await Eventually.MatchesAsync(() => ScalarAsync<long>("""
                SELECT count(*) FROM interacoes i JOIN medicos m ON m.id = i.medico_id
                WHERE m.telefone = @phone AND i.direcao = 'entrada' AND i.processado_em IS NULL
                """, new { phone }), n => n == 0);
        }
        catch (Xunit.Sdk.XunitException ex)
        {
            var errors = App.Logs.Lines.Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).TakeLast(3).Select(l => l.Message);
            throw new Xunit.Sdk.XunitException($"{ex.Message}; last warnings: {string.Join(" || ", errors)}");
        }
    }

    /// <summary>
    /// Waits until the doctor's sends in flight are recorded: none of his queue rows `processando` (a send the gateway may
    /// already have, whose `enviada`, outbound `interacoes` row and conversation times are written when it finishes) and no
    /// reply or system message of his still `pendente` (queued by a turn, not yet claimed). Proactive rows held for later
    /// do not count. The one wait for "the queue is done with him" before a test moves time, sends his next message or
    /// counts what he got — a fake gateway's record alone comes before the row is (two CI flakes, 2026-12: a time journey
    /// aged his history before his reply's row was written, and a real-agent turn began while the last one's reply was
    /// still going out).
    /// </summary>
    public Task WaitSendsRecordedAsync(Guid medico) => WaitSendsRecordedAsync("f.medico_id = @medico", new { medico });

    /// <summary><see cref="WaitSendsRecordedAsync(Guid)"/> for the doctor with this phone.</summary>
    public Task WaitSendsRecordedAsync(string phone) => WaitSendsRecordedAsync("m.telefone = @phone", new { phone });

    async Task WaitSendsRecordedAsync(string doctor, object args)
    {
        var inFlight = $"""
            SELECT f.tipo || ' ' || f.status || ' ' || to_char(f.agendar_para, 'HH24:MI:SS') FROM fila_mensagens f LEFT JOIN medicos m ON m.id = f.medico_id
            WHERE {doctor} AND (f.status = 'processando' OR (f.status = 'pendente' AND f.tipo IN ('resposta', 'sistema')))
            """;
        await Eventually.MatchesAsync(() => QueryAsync<string>(inFlight, args), rows => rows.Count == 0);
    }

    public Task<List<QueueRow>> QueueAsync(string phone) => QueryAsync<QueueRow>("""
        SELECT f.tipo AS Tipo, f.conteudo AS Conteudo, f.status AS Status, f.prioridade AS Prioridade, f.lote_id AS LoteId,
               f.sequencia AS Sequencia, f.outcome_reason_code AS Reason, f.metadata->>'tipo_sistema' AS TipoSistema
        FROM fila_mensagens f JOIN medicos m ON m.id = f.medico_id WHERE m.telefone = @phone ORDER BY f.created_at, f.sequencia
        """, new { phone });
}

public sealed record QueueRow(string Tipo, string Conteudo, string Status, int Prioridade, Guid? LoteId, short? Sequencia, string? Reason, string? TipoSistema);
