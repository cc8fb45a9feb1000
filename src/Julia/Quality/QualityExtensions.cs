using Julia.Jobs;

namespace Julia.Quality;

internal static class QualityExtensions
{
    /// <summary>The quality score of docs/decisions.md#quality: the nightly judge (job `qualidade`) and staff evaluations.</summary>
    public static void AddQuality(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<QualityStore>();
        builder.Services.AddSingleton<ReviewStore>();
        builder.Services.AddSingleton<QualityJudge>();
        builder.Services.AddSingleton<IJob, QualityJob>();
        builder.Services.AddSingleton<Privacy.IPersonalDataOwner, QualityPersonalData>();
    }
}
