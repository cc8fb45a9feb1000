using Julia.Infrastructure.Admin;

namespace Julia.Jobs;

internal static class JobsEndpoints
{
    public static void MapJobs(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/jobs").WithTags("Jobs").RequireAdminToken();
        group.MapGet("", (JobRunner runner) => TypedResults.Ok(runner.Jobs.Values.Select(j => new
        {
            nome = j.Name, intervalo_s = j.Schedule.Every?.TotalSeconds, diario_as = j.Schedule.DailyAt?.ToString("HH:mm"),
            so_horario_comercial = j.Schedule.BusinessHoursOnly,
        })));
        group.MapPost("/{nome}", RunAsync);
    }

    /// <summary>
    /// Runs a job now (same lock as the scheduler): 200 with its result, 404 unknown, 409 already running — or, for a
    /// once-a-day job, already run today (São Paulo day): a manual run counts as the day's run.
    /// </summary>
    static async Task<IResult> RunAsync(string nome, JobRunner runner, CancellationToken ct)
    {
        var daily = runner.Jobs.TryGetValue(nome, out var job) && job.Schedule.DailyAt is not null;
        var (outcome, result) = await runner.RunAsync(nome, claimDay: daily, ct);
        return outcome switch
        {
            JobRunOutcome.Ran => TypedResults.Ok(new { job = nome, resultado = result }),
            JobRunOutcome.Busy => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $"O job {nome} já está rodando"),
            JobRunOutcome.AlreadyRanToday => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $"O job {nome} já rodou hoje",
                detail: "Jobs diários rodam uma vez por dia (horário de São Paulo); veja execucoes_job."
                        + (nome == "retencao" ? " Para limpar de novo hoje: julia limpeza." : "")),
            // The name is not echoed: it comes from the URL, whatever it holds.
            _ => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Job desconhecido",
                detail: $"Jobs: {string.Join(", ", runner.Jobs.Keys)}"),
        };
    }
}
