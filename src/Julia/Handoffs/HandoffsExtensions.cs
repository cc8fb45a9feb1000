using Julia.Privacy;

namespace Julia.Handoffs;

internal static class HandoffsExtensions
{
    public static void AddHandoffs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<HandoffStore>();
        builder.Services.AddSingleton<HandoffService>();
        builder.Services.AddSingleton<IPersonalDataOwner, HandoffPersonalData>();
    }
}
