using Julia.Jobs;

namespace Julia.Maintenance;

/// <summary>`retencao` — daily 03:00 (São Paulo): the retention rules; also `julia limpeza` and `POST /jobs/retencao`.</summary>
internal sealed class RetentionJob(RetentionRunner runner) : IJob
{
    public string Name => "retencao";
    public JobSchedule Schedule => new(DailyAt: new TimeOnly(3, 0));

    public async Task<string> RunAsync(CancellationToken ct) =>
        string.Join("; ", (await runner.RunAsync(dryRun: false, null, ct)).Select(c => $"{c.Name}: {Infrastructure.Text.PtBrCount.Of(c.Deleted, "linha apagada", "linhas apagadas")}"));
}
