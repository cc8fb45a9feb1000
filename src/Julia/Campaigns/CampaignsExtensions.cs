namespace Julia.Campaigns;

internal static class CampaignsExtensions
{
    public static void AddCampaigns(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CampaignStore>();
        builder.Services.AddSingleton<Jobs.IJob, CampaignFeederJob>();
    }
}
