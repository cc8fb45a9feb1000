using Julia.IntegrationTests.Conversations;
using Julia.Shifts;
using Microsoft.Extensions.DependencyInjection;

namespace Julia.IntegrationTests.Shifts;

/// <summary>
/// `buscar_vagas` over a specialty with more open shifts than the cache holds (an outside pass, 2026-12-02): the cache
/// keeps the first <see cref="ShiftCatalog.CachedPerSpecialty"/> by date, and a search they do not answer — a later date,
/// a city, a pay — reads the rest from the database instead of answering "nenhum plantão".
/// </summary>
public sealed class ShiftSearchTests(PipelineFixture f) : IClassFixture<PipelineFixture>
{
    async Task<(Guid Especialidade, Guid Far)> CatalogueAsync(string name)
    {
        var especialidade = await f.ScalarAsync<Guid>("INSERT INTO especialidades (nome) VALUES (@name) RETURNING id", new { name });
        // 45 open shifts in São Paulo over the next three days, then one in Campinas twenty days out that pays more.
        await f.ExecuteAsync("""
            INSERT INTO hospitais (nome, cidade) VALUES ('Hospital Perto ' || @name, 'São Paulo'), ('Hospital Longe ' || @name, 'Campinas');
            INSERT INTO vagas (hospital_id, especialidade_id, data, hora_inicio, hora_fim, valor)
            SELECT h.id, @especialidade, (now() AT TIME ZONE 'America/Sao_Paulo')::date + 1 + n % 3, time '07:00', time '19:00', 1500
            FROM generate_series(1, 45) n, hospitais h WHERE h.nome = 'Hospital Perto ' || @name;
            """, new { name, especialidade });
        var far = await f.ScalarAsync<Guid>("""
            INSERT INTO vagas (hospital_id, especialidade_id, data, hora_inicio, hora_fim, valor)
            SELECT id, @especialidade, (now() AT TIME ZONE 'America/Sao_Paulo')::date + 20, time '19:00', time '07:00', 3200 FROM hospitais WHERE nome = 'Hospital Longe ' || @name
            RETURNING id
            """, new { name, especialidade });
        return (especialidade, far);
    }

    [Fact]
    public async Task AShiftBeyondTheCachedFirstOnesIsFoundByDateCityOrPay()
    {
        var (especialidade, far) = await CatalogueAsync("anestesiologia-busca");
        var catalog = f.App.Services.GetRequiredService<ShiftCatalog>();
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo")).DateTime).AddDays(20);

        var first = await catalog.SearchAsync(new ShiftSearch(especialidade, Limit: 5), [], default);
        var byDate = await catalog.SearchAsync(new ShiftSearch(especialidade, From: day, To: day), [], default);
        var byCity = await catalog.SearchAsync(new ShiftSearch(especialidade, CityOrRegion: "campinas"), [], default);
        var byPay = await catalog.SearchAsync(new ShiftSearch(especialidade, ValorMinimo: 3000), [], default);

        Assert.Equal(5, first.Count);
        Assert.DoesNotContain(first, s => s.Id == far);
        Assert.Equal(far, Assert.Single(byDate).Id);
        Assert.Equal(far, Assert.Single(byCity).Id);
        Assert.Equal(far, Assert.Single(byPay).Id);
    }

    [Fact]
    public async Task ASearchNothingMatchesStillAnswersNothing()
    {
        var (especialidade, _) = await CatalogueAsync("pediatria-busca");
        var catalog = f.App.Services.GetRequiredService<ShiftCatalog>();

        Assert.Empty(await catalog.SearchAsync(new ShiftSearch(especialidade, CityOrRegion: "Sorocaba"), [], default));
        Assert.Empty(await catalog.SearchAsync(new ShiftSearch(especialidade, ValorMinimo: 10_000), [], default));
    }
}
