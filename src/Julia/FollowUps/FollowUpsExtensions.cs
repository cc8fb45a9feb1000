using Julia.Jobs;
using Julia.Queue;

namespace Julia.FollowUps;

internal static class FollowUpsExtensions
{
    public static void AddFollowUps(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IJob, FollowUpJob>();
        builder.Services.AddSingleton<ISendEffect, FollowUpSendEffect>();
        builder.Services.AddSingleton<ISendTextCheck, FollowUpShiftCheck>();
    }
}
