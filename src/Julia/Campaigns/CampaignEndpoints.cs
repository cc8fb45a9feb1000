using Julia.Infrastructure.Admin;

namespace Julia.Campaigns;

/// <summary>The campaigns API of docs/decisions.md#proactive (bearer ADMIN_API_TOKEN; errors as ProblemDetails).</summary>
internal static class CampaignEndpoints
{
    static readonly string[] Types = ["primeiro_contato", "oferta_plantao", "reativacao", "feedback"];

    public static void MapCampaigns(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/campanhas").WithTags("Campanhas").RequireAdminToken();
        group.MapPost("", CreateAsync);
        group.MapPost("/segmento/preview", PreviewAsync);
        group.MapGet("/{id:long}", GetAsync);
        group.MapGet("/{id:long}/relatorio", ReportAsync);
        group.MapPost("/{id:long}/iniciar", StartAsync);
        group.MapPost("/{id:long}/pausar", (long id, CampaignStore store, CancellationToken ct) => EndAsync(id, "pausada", store.PauseAsync, store, ct));
        group.MapPost("/{id:long}/cancelar", (long id, CampaignStore store, CancellationToken ct) => EndAsync(id, "cancelada", store.CancelAsync, store, ct));
    }

    static IResult Bad(string detail) => TypedResults.Problem(statusCode: 400, title: "Campanha inválida", detail: detail);

    /// <summary>An unknown name as the operator typed it, unless it is not a plain name: hostile text is never echoed.</summary>
    static string Shown(string name) =>
        name.Length <= 60 && name.All(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' or '.' or '\'' or '(' or ')' or '/') ? name : "(nome inválido)";

    /// <summary>
    /// The longest a campaign's texts may be: a name an operator reads in a list, a WhatsApp message (4 096 characters at
    /// most, placeholders filled in), filter values that name a place, a stage or a tag.
    /// </summary>
    internal const int MaxNameChars = 200, MaxTemplateChars = 4_000, MaxFilterChars = 100;

    /// <summary>The most values one filter list may hold: more specialties, cities or tags than any segment names.</summary>
    internal const int MaxFilterValues = 500;

    static string? OutOfBounds(CreateCampaignRequest request)
    {
        if (request.Nome!.Length > MaxNameChars) return $"nome com mais de {MaxNameChars} caracteres";
        if (request.MensagemTemplate!.Length > MaxTemplateChars) return $"mensagem_template com mais de {MaxTemplateChars} caracteres";
        return OutOfBounds(request.Filtros);
    }

    static string? OutOfBounds(CampaignFilters? f)
    {
        if (f is null) return null;
        if (f.PressureScoreMax is < 0 or > CampaignStore.NeverAbovePressure)
            return $"pressure_score_max precisa estar entre 0 e {CampaignStore.NeverAbovePressure} (pressão acima disso: nunca contatar)";
        if (f.Unknown is { Count: > 0 } unknown) return $"filtro desconhecido: {string.Join(", ", unknown.Keys.Take(3).Select(Shown))}";
        // Each bound names the filter it caught: "filtros com mais de 500 valores numa lista" left the operator to guess which.
        var lists = new (string Name, string?[]? Values)[]
        {
            ("especialidades", f.Especialidades), ("regioes", f.Regioes), ("cidades", f.Cidades), ("stages", f.Stages), ("tags", f.Tags),
            ("estado", f.Estado is null ? null : [f.Estado]),
        };
        if (lists.FirstOrDefault(l => l.Values?.Any(v => v?.Length > MaxFilterChars) == true).Name is { } longValue)
            return $"filtros.{longValue} com um valor de mais de {MaxFilterChars} caracteres";
        if (lists.FirstOrDefault(l => l.Values?.Length > MaxFilterValues).Name is { } longList)
            return $"filtros.{longList} com mais de {MaxFilterValues} valores (no máximo {MaxFilterValues} numa lista)";
        // A stage no doctor can be in (`msg_enviado`, `novos`) matches nobody: a campaign that silently sends nothing
        // (docs/decisions.md#proactive).
        if (f.Stages?.Where(s => s is not null && !Doctors.JourneyStages.All.Contains(s)).Take(3).ToArray() is { Length: > 0 } stages)
            return $"filtros.stages desconhecidos: {string.Join(", ", stages.Select(s => Shown(s!)))}; use um de: {string.Join(", ", Doctors.JourneyStages.All)}";
        return null;
    }

    /// <summary>
    /// A 409's title: "Campanha 7 está com status rascunho" — the status is the stored word, so "está rascunho" or
    /// "está concluida" (a noun, a contract word without its accent) is not written as if it were an adjective.
    /// </summary>
    internal static string StatusTitle(long id, string? status) =>
        status is null or "apagada" ? $"Campanha {id} foi apagada" : $"Campanha {id} está com status {status}";

    static IResult NotFound(long id) => TypedResults.Problem(statusCode: 404, title: $"Campanha {id} não encontrada");

    /// <summary>How far in the past `agendar_para` may be: "now" typed a little late, not a wrong year that starts it at once.</summary>
    static readonly TimeSpan ScheduleTolerance = TimeSpan.FromMinutes(5);

    static async Task<IResult> CreateAsync(CreateCampaignRequest request, CampaignStore store, TimeProvider time, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Nome)) return Bad("nome é obrigatório");
        if (request.Kind is null || !Types.Contains(request.Kind)) return Bad($"tipo precisa ser um de: {string.Join(", ", Types)}");
        if (string.IsNullOrWhiteSpace(request.MensagemTemplate)) return Bad("mensagem_template é obrigatório");
        if (OutOfBounds(request) is { } tooLong) return Bad(tooLong);
        if (CampaignTemplate.UnknownPlaceholders(request.MensagemTemplate) is { Count: > 0 } unknown)
            return Bad($"mensagem_template com placeholders desconhecidos: {string.Join(", ", unknown.Take(5).Select(u => "{" + Shown(u) + "}"))}; use {string.Join(", ", CampaignTemplate.Placeholders.Select(p => "{" + p + "}"))}");
        if (request.MaxPorDia is <= 0) return Bad("max_por_dia precisa ser > 0");
        if (request.ScheduledFor is { } at && at < time.GetUtcNow() - ScheduleTolerance)
            return Bad($"agendar_para já passou ({Infrastructure.Time.SaoPaulo.ToLocal(at):dd'/'MM'/'yyyy HH':'mm}, horário de São Paulo): "
                       + "confira a data; para começar agora, crie sem agendar_para e use POST /campanhas/{id}/iniciar");
        var (specialties, missing) = await store.SpecialtiesAsync(request.Filtros?.Especialidades ?? [], ct);
        if (missing is { Length: > 0 })
            return Bad($"especialidades desconhecidas: {string.Join(", ", missing.Select(Shown))}");
        var created = await store.CreateAsync(request, ct);
        // Who it would reach if started now, before `iniciar`: a body without `filtros` (or with none set) goes to the whole
        // eligible base — kept, callers rely on it — and the answer says so (docs/decisions.md#proactive, "Who a campaign reaches").
        var (estimate, _) = await store.PreviewAsync(request.Filtros ?? new CampaignFilters(), specialties, ct);
        var body = Dto(created);
        body["destinatarios_estimados"] = estimate;
        if (WholeBase(request.Filtros)) body["aviso"] = WholeBaseWarning;
        return TypedResults.Created($"/campanhas/{created.Id}", body);
    }

    internal const string WholeBaseWarning =
        "sem filtros: a campanha vai para toda a base elegível (destinatarios_estimados); confira antes de POST /campanhas/{id}/iniciar";

    /// <summary>No filter narrows the segment: absent, null or `{}` (`pressure_score_max` alone only lowers the limit).</summary>
    static bool WholeBase(CampaignFilters? f) =>
        f is null || f.Especialidades is not { Length: > 0 } && f.Regioes is not { Length: > 0 } && f.Cidades is not { Length: > 0 }
            && string.IsNullOrWhiteSpace(f.Estado) && f.Stages is not { Length: > 0 } && f.Tags is not { Length: > 0 };

    static async Task<IResult> PreviewAsync(PreviewRequest request, CampaignStore store, CancellationToken ct)
    {
        var filters = request.Filtros ?? new CampaignFilters();
        if (OutOfBounds(filters) is { } tooLong) return Bad(tooLong);
        var (ids, unknown) = await store.SpecialtiesAsync(filters.Especialidades ?? [], ct);
        if (unknown.Length > 0) return Bad($"especialidades desconhecidas: {string.Join(", ", unknown.Select(Shown))}");
        var (count, samples) = await store.PreviewAsync(filters, ids, ct);
        return TypedResults.Ok(new { total = count, amostra = samples.Select(s => new { nome = s.Nome, especialidade = s.Especialidade, regiao = s.Regiao }) });
    }

    static async Task<IResult> GetAsync(long id, CampaignStore store, CancellationToken ct) =>
        await store.FindAsync(id, ct) is { } c ? TypedResults.Ok(Dto(c)) : NotFound(id);

    static async Task<IResult> ReportAsync(long id, CampaignStore store, CancellationToken ct) =>
        await store.FindAsync(id, ct) is null ? NotFound(id) : TypedResults.Ok(await store.ReportAsync(id, ct));

    static async Task<IResult> StartAsync(long id, CampaignStore store, CancellationToken ct)
    {
        if (await store.FindAsync(id, ct) is not { } campaign) return NotFound(id);
        // Checked again under the campaign's row lock (a `cancelar` racing this one): CampaignStore.StartAsync.
        var (added, status) = await store.StartAsync(campaign, ct);
        if (added is null) return TypedResults.Problem(statusCode: 409, title: StatusTitle(id, status));
        return TypedResults.Ok(new { id, status = "ativa", destinatarios_adicionados = added });
    }

    /// <summary>
    /// `pausar` / `cancelar`: the store checks the status under the campaign's row lock; a 409 names the status it found
    /// (read again: the one before may be stale).
    /// </summary>
    static async Task<IResult> EndAsync(long id, string status, Func<long, CancellationToken, Task<bool>> change, CampaignStore store, CancellationToken ct)
    {
        if (await store.FindAsync(id, ct) is not { } campaign) return NotFound(id);
        if (!await change(id, ct)) return TypedResults.Problem(statusCode: 409, title: StatusTitle(id, (await store.FindAsync(id, ct))?.Status ?? campaign.Status));
        return TypedResults.Ok(new { id, status });
    }

    static Dictionary<string, object?> Dto(CampaignRow c) => new()
    {
        ["id"] = c.Id, ["nome"] = c.Nome, ["tipo"] = c.Kind, ["mensagem_template"] = c.MensagemTemplate,
        ["filtros"] = System.Text.Json.JsonDocument.Parse(c.Filtros).RootElement, ["max_por_dia"] = c.MaxPorDia, ["status"] = c.Status,
        ["agendar_para"] = Local(c.ScheduledFor), ["iniciada_em"] = Local(c.IniciadaEm), ["concluida_em"] = Local(c.ConcluidaEm),
        ["total_destinatarios"] = c.TotalDestinatarios, ["created_at"] = Local(c.CreatedAt),
    };

    /// <summary>Times an operator reads, on the São Paulo clock with its offset (the same instant as the stored UTC).</summary>
    static DateTimeOffset? Local(DateTime? utc) =>
        utc is { } t ? Infrastructure.Time.SaoPaulo.ToLocal(new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc))) : null;
}
