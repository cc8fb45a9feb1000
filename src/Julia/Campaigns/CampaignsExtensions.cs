using Julia.Doctors;
using Julia.Jobs;
using Julia.Privacy;
using Julia.Queue;

namespace Julia.Campaigns;

internal static class CampaignsExtensions
{
    public static void AddCampaigns(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CampaignStore>();
        builder.Services.AddSingleton<IJob, CampaignFeederJob>();
        builder.Services.AddSingleton<ISendEffect, CampaignSendEffect>();
        builder.Services.AddSingleton<IOptOutEffect, CampaignOptOutEffect>();
        builder.Services.AddSingleton<Privacy.IPersonalDataOwner, CampaignPersonalData>();
    }
}
