using Dapper;
using Julia.Conversations;
using Julia.Doctors;
using Julia.Infrastructure.Database;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Julia.IntegrationTests.Conversations;

/// <summary>
/// The inbound write of a batch of webhooks (docs/decisions.md#group-commit): one multi-row statement for known
/// doctors and one for first contacts, in one transaction, each row with the outcome it would have had alone.
/// </summary>
public sealed class InboundStoreTests : IAsyncLifetime
{
    TestDatabase database = null!;
    NpgsqlDataSource db = null!;
    InboundStore store = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        db = database.CreateDataSource();
        await new MigrationRunner(db, NullLogger<MigrationRunner>.Instance).RunAsync(default);
        store = new InboundStore(db, []);
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        await db.DisposeAsync();
        await database.DisposeAsync();
    }

    static InboundRow Row(string id, string phone, string text = "oi") =>
        new(id, "texto", text, null, $"{phone}@s.whatsapp.net", DateTimeOffset.UtcNow);

    static InboundStore.Write Known(Guid medico, string id) => new(medico, null, Row(id, "x"));

    static InboundStore.Write New(string phone, string id) =>
        new(null, NewDoctor.From(phone, $"{phone}@s.whatsapp.net", null, "Dra. Nova"), Row(id, phone));

    async Task<Guid> DoctorAsync(string phone)
    {
        await using var c = await db.OpenConnectionAsync();
        return await c.ExecuteScalarAsync<Guid>("INSERT INTO medicos (telefone, origem) VALUES (@phone, 'manual') RETURNING id", new { phone });
    }

    async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var c = await db.OpenConnectionAsync();
        return (await c.ExecuteScalarAsync<T>(sql, args))!;
    }

    [Fact]
    public async Task EachRowOfABatchGetsTheOutcomeItWouldHaveHadAlone()
    {
        var a = await DoctorAsync("5511911110001");
        var b = await DoctorAsync("5511911110002");
        Assert.Equal((a, false), Assert.Single(await store.WriteAsync([Known(a, "JA-STORED")])));

        var outcomes = await store.WriteAsync([
            Known(a, "M1"),
            Known(b, "M2"),
            Known(a, "M1"),                  // the same delivery twice in one batch: stored once
            Known(b, "JA-STORED"),           // stored by an earlier batch
            New("5511922220001", "N1"),
            New("5511922220001", "N2"),      // a new sender's two first messages together: one doctor, both messages
            New("5511922220002", "N3"),
        ]);

        var novo1 = await ScalarAsync<Guid>("SELECT id FROM medicos WHERE telefone = '5511922220001'");
        var novo2 = await ScalarAsync<Guid>("SELECT id FROM medicos WHERE telefone = '5511922220002'");
        Assert.Equal<(Guid?, bool)>([(a, false), (b, false), (null, false), (null, false), (novo1, false), (novo1, false), (novo2, false)], outcomes);
        Assert.Equal(5L, await ScalarAsync<long>("SELECT count(*) FROM interacoes WHERE provider_message_id IN ('M1', 'M2', 'N1', 'N2', 'N3')"));
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM interacoes WHERE provider_message_id = 'JA-STORED'"));
        Assert.Equal("whatsapp_inbound", await ScalarAsync<string>("SELECT origem FROM medicos WHERE id = @novo1", new { novo1 }));
        Assert.Equal(novo1, await ScalarAsync<Guid>("SELECT medico_id FROM interacoes WHERE provider_message_id = 'N2'"));
    }

    [Fact]
    public async Task AnErasedDoctorsRowIsNotStoredAndTheCallerIsTold()
    {
        var erased = await DoctorAsync("5511911110003");
        var other = await DoctorAsync("5511911110004");
        await using (var c = await db.OpenConnectionAsync())
            await c.ExecuteAsync("UPDATE medicos SET telefone = NULL, whatsapp_lid = NULL, apagado_em = now() WHERE id = @erased", new { erased });

        var outcomes = await store.WriteAsync([Known(erased, "E1"), Known(other, "E2")]);

        Assert.Equal<(Guid?, bool)>([(null, true), (other, false)], outcomes);
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM interacoes WHERE provider_message_id = 'E1'"));
    }

    [Fact]
    public async Task ARowTheDatabaseRefusesFailsTheWholeBatchSoNothingOfItIsKept()
    {
        // What GroupCommit's retry one by one relies on: the batch is one transaction.
        var known = await DoctorAsync("5511911110005");
        var ex = await Assert.ThrowsAsync<PostgresException>(() => store.WriteAsync([
            Known(known, "R1"), New("5511922220003", "R2"), Known(Guid.NewGuid(), "R3"),
        ]));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, ex.SqlState);
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM interacoes WHERE provider_message_id IN ('R1', 'R2', 'R3')"));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM medicos WHERE telefone = '5511922220003'"));

        // Through the group commit, only the refused write fails.
        var writes = new[] { store.InsertAsync(known, Row("R1", "x"), default), store.InsertAsync(Guid.NewGuid(), Row("R3", "x"), default) };
        Assert.Equal((known, false), await writes[0]);
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, (await Assert.ThrowsAsync<PostgresException>(() => writes[1])).SqlState);
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM interacoes WHERE provider_message_id = 'R1'"));
    }

    [Fact]
    public async Task ManyConcurrentWritesAreEachStoredOnce()
    {
        var doctors = new List<Guid>();
        for (var i = 0; i < 8; i++) doctors.Add(await DoctorAsync($"55119333300{i:D2}"));
        // 200 writes at once, every message id sent twice, half from new senders.
        var writes = Enumerable.Range(0, 400).Select(i =>
        {
            var id = $"C{i / 2}";
            return i / 2 % 2 == 0
                ? store.InsertAsync(doctors[i / 2 % 8], Row(id, "x"), default)
                : store.InsertWithNewDoctorAsync(NewDoctor.From($"55119444{i / 2:D5}", "j@s.whatsapp.net", null, null), Row(id, "y"), default)
                    .ContinueWith(t => (t.Result, false), TaskScheduler.Default);
        }).ToList();
        var outcomes = await Task.WhenAll(writes);

        Assert.Equal(200, outcomes.Count(o => o.Item1 is not null));
        Assert.Equal(200L, await ScalarAsync<long>("SELECT count(*) FROM interacoes WHERE provider_message_id LIKE 'C%'"));
        Assert.Equal(100L, await ScalarAsync<long>("SELECT count(*) FROM medicos WHERE telefone LIKE '55119444%'"));
    }
}
