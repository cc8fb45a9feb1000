namespace Julia.PromptReview;

internal static class PromptReviewExtensions
{
    /// <summary>`julia avaliar-prompt`: replay recorded doctor turns with a candidate persona and judge both (docs/decisions.md#prompt-review).</summary>
    public static void AddPromptReview(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ReplayStore>();
        builder.Services.AddSingleton<ReplayToolbox>();
        builder.Services.AddSingleton<ReplayAgent>();
        builder.Services.AddSingleton<PromptReviewRunner>();
    }
}
